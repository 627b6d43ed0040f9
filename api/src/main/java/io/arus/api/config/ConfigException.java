package io.arus.api.config;

import java.util.List;

/**
 * Thrown when a configuration does not satisfy its {@link ConfigSpec}, or when a plugin finds a value it cannot
 * use. Carries every violation so that a user sees all problems at once.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<ConfigViolation> violations;

    /**
     * @param violations what is wrong, at least one
     */
    public ConfigException(List<ConfigViolation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    /**
     * @param field   the offending field
     * @param message what is wrong with it
     */
    public ConfigException(String field, String message) {
        this(List.of(new ConfigViolation(field, message)));
    }

    /** @return every violation, in spec order */
    public List<ConfigViolation> violations() {
        return violations;
    }

    private static String describe(List<ConfigViolation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one violation");
        }
        StringBuilder text = new StringBuilder("invalid configuration: ");
        for (int i = 0; i < violations.size(); i++) {
            if (i > 0) {
                text.append("; ");
            }
            text.append(violations.get(i));
        }
        return text.toString();
    }
}

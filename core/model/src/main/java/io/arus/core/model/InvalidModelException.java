package io.arus.core.model;

import io.arus.api.config.ConfigViolation;
import java.util.List;

/**
 * What a client sent does not make a valid pipeline, connection or notification target. Every violation names its
 * field path ({@code name}, {@code streams[2].cursor_field}, {@code config.password}); all of them are reported at
 * once. The API answers it as a 400 problem+json listing each field.
 */
public final class InvalidModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigViolation> violations;

    /** @param violations one or more, in the order they were found */
    public InvalidModelException(List<ConfigViolation> violations) {
        super(violations.isEmpty() ? "invalid" : summary(violations));
        this.violations = List.copyOf(violations);
    }

    /** @return every violation, each naming its field path */
    public List<ConfigViolation> violations() {
        return violations;
    }

    private static String summary(List<ConfigViolation> violations) {
        StringBuilder text = new StringBuilder();
        for (ConfigViolation v : violations) {
            text.append(text.length() == 0 ? "" : "; ").append(v.field()).append(": ").append(v.message());
        }
        return text.toString();
    }
}

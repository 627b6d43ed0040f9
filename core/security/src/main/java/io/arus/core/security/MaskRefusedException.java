package io.arus.core.security;

import io.arus.api.config.ConfigViolation;
import java.util.List;

/**
 * A client sent the mask back for a stored secret while it changed where that secret would be sent (a host, a port,
 * a URL, a TLS mode): the secret must be given again, or an editor could send a stored password to a server of
 * their own. Each violation names the secret field and the fields that changed.
 */
public final class MaskRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigViolation> violations;

    /** @param violations one per masked secret that must be given again, at least one */
    public MaskRefusedException(List<ConfigViolation> violations) {
        super(violations.toString());
        this.violations = List.copyOf(violations);
    }

    /** @return one violation per secret field to give again, in spec order */
    public List<ConfigViolation> violations() {
        return violations;
    }
}

package io.arus.core.service.internal;

import io.arus.api.config.ConfigViolation;
import io.arus.core.model.InvalidModelException;
import java.util.List;

/** Bounds on the plain arguments of the administration services; a failure names its field as the API does. */
final class FieldChecks {
    private FieldChecks() {
    }

    static InvalidModelException invalid(String field, String message) {
        return new InvalidModelException(List.of(new ConfigViolation(field, message)));
    }

    static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        if (value.length() > maxLength) {
            throw invalid(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    static String password(String value, String field) {
        if (value == null || value.length() < 8) {
            throw invalid(field, "must be at least 8 characters");
        }
        if (value.length() > 256) {
            throw invalid(field, "must be at most 256 characters");
        }
        return value;
    }
}

package io.arus.core.rest.internal;

import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks on request bodies that name the offending field. */
final class Bodies {
    /** The most items a list field of a configuration may hold. */
    static final int MAX_LIST_ITEMS = 1_000;

    private Bodies() {
    }

    static <T> T required(T body) {
        if (body == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        return body;
    }

    static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
        if (value.length() > maxLength) {
            throw ApiException.invalid(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    static String password(String value, String field) {
        if (value == null || value.length() < 8) {
            throw ApiException.invalid(field, "must be at least 8 characters");
        }
        if (value.length() > 256) {
            throw ApiException.invalid(field, "must be at most 256 characters");
        }
        return value;
    }

    static ApiException invalid(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder("invalid request: ");
        for (int i = 0; i < errors.size(); i++) {
            detail.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(' ').append(errors.get(i).message());
        }
        return new ApiException(javax.ws.rs.core.Response.Status.BAD_REQUEST, detail.toString(), errors);
    }

    /**
     * Refuses a plugin configuration its spec does not accept, or with a value longer than its kind of field may be:
     * a 400 naming each field as {@code config.<field>}.
     */
    static void validConfig(ConfigSpec spec, Map<String, ?> config) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConfigViolation v : spec.validate(config)) {
            errors.add(new Problem.FieldError("config." + v.field(), v.message()));
        }
        for (ConfigField field : spec.fields()) {
            Object value = config == null ? null : config.get(field.name());
            if (errors.stream().anyMatch(e -> e.field().equals("config." + field.name()))) {
                continue;
            }
            int max = maxLength(field.type());
            if (value instanceof String text && text.length() > max) {
                errors.add(new Problem.FieldError("config." + field.name(), "must be at most " + max + " characters"));
            } else if (value instanceof List<?> list && (list.size() > MAX_LIST_ITEMS
                    || list.stream().anyMatch(item -> item instanceof String text && text.length() > max))) {
                errors.add(new Problem.FieldError("config." + field.name(),
                        "must hold at most " + MAX_LIST_ITEMS + " items of at most " + max + " characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    /** The longest value of each kind of configuration field: a host name is at most 253 characters (RFC 1035). */
    static int maxLength(FieldType type) {
        return switch (type) {
            case HOST -> 253;
            case URL -> 2_048;
            case STRING, ENUM, LIST -> 1_000;
            case SECRET -> 16_384;
            case TEXT -> 200_000;
            case INT, BOOLEAN, PORT -> 100;
        };
    }
}

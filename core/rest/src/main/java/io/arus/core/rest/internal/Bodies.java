package io.arus.core.rest.internal;

import java.util.List;

/** Checks on request bodies that name the offending field. */
final class Bodies {
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

    static ApiException invalid(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder("invalid request: ");
        for (int i = 0; i < errors.size(); i++) {
            detail.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(' ').append(errors.get(i).message());
        }
        return new ApiException(javax.ws.rs.core.Response.Status.BAD_REQUEST, detail.toString(), errors);
    }
}

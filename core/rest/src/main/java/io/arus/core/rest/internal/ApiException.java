package io.arus.core.rest.internal;

import java.util.List;
import javax.ws.rs.core.Response;

/** An error a resource raises on purpose, with the status and the fields to name in the problem document. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Response.StatusType status;
    private final List<Problem.FieldError> errors;

    /**
     * @param status the HTTP status
     * @param detail what went wrong, in words
     * @param errors the offending fields
     */
    public ApiException(Response.StatusType status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** @param detail what was not found @return a 404 */
    public static ApiException notFound(String detail) {
        return new ApiException(Response.Status.NOT_FOUND, detail, List.of());
    }

    /** @param field the offending field @param message what is wrong @return a 400 naming the field */
    public static ApiException invalid(String field, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** @return the HTTP status */
    public Response.StatusType status() {
        return status;
    }

    /** @return the offending fields */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}

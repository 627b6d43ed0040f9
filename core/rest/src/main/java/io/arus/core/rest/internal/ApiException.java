package io.arus.core.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.core.Response;

/** An error a resource raises on purpose, with the status and the fields to name in the problem document. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Response.StatusType status;
    private final List<Problem.FieldError> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

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

    /** @param detail what conflicts @return a 409 */
    public static ApiException conflict(String detail) {
        return new ApiException(Response.Status.CONFLICT, detail, List.of());
    }

    /** @param detail why @return a 400 without a single field to name */
    public static ApiException badRequest(String detail) {
        return new ApiException(Response.Status.BAD_REQUEST, detail, List.of());
    }

    /** @param detail why @return a 403 */
    public static ApiException forbidden(String detail) {
        return new ApiException(Response.Status.FORBIDDEN, detail, List.of());
    }

    /** Adds a response header (WWW-Authenticate, Retry-After). @return this */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** @return headers to send with the problem */
    public Map<String, String> headers() {
        return headers;
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

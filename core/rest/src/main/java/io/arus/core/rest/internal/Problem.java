package io.arus.core.rest.internal;

import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error the API returns.
 *
 * @param type     a URI naming the kind of problem, or {@code about:blank}
 * @param title    the HTTP reason, e.g. {@code "Bad Request"}
 * @param status   the HTTP status
 * @param detail   what went wrong in words
 * @param instance the request path
 * @param errors   the offending fields, for validation problems; empty otherwise
 */
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    /** The media type of a problem document. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * @param field   the offending field, as a JSON path ({@code config.port})
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}

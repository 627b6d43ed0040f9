package io.arus.core.rest.internal;

import io.arus.core.model.InvalidModelException;
import io.arus.core.service.ConflictException;
import io.arus.core.service.ConnectionFailedException;
import io.arus.core.service.ForbiddenException;
import io.arus.core.service.NotFoundException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception into an {@code application/problem+json} answer. Malformed or mistyped JSON becomes a
 * 400 naming the field; an unexpected exception becomes a 500 whose body says nothing internal (the log has it).
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(ArusApplication.SELECT)
public final class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        Problem problem = toProblem(exception, path());
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        ApiException api = cause(exception, ApiException.class);
        if (api != null) {
            api.headers().forEach(response::header);
        }
        if (problem.status() == Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()) {
            // the rest of the body is never read: the connection cannot carry another request
            response.header("Connection", "close");
        }
        return response.build();
    }

    static Problem toProblem(Throwable exception, String path) {
        ApiException api = cause(exception, ApiException.class);
        if (api == null) {
            api = fromService(exception);
        }
        if (api != null) {
            return problem(api.status(), api.getMessage(), path, api.errors());
        }
        BodyLimit.TooLarge tooLarge = cause(exception, BodyLimit.TooLarge.class);
        if (tooLarge != null) {
            return problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, tooLarge.getMessage(), path, List.of());
        }
        JsonProcessingException json = jsonCause(exception);
        if (json != null) {
            return jsonProblem(json, path);
        }
        if (exception instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            String detail = status.getStatusCode() == 404 ? "no such resource: " + path
                    : status.getStatusCode() == 405 ? "method not allowed on " + path : status.getReasonPhrase();
            return problem(status, detail, path, List.of());
        }
        if (exception instanceof IllegalArgumentException && exception.getMessage() != null
                && exception.getMessage().startsWith("Invalid URL encoding")) {
            // CXF decodes the query string lazily and says so this way
            return problem(Response.Status.BAD_REQUEST, "the request URI has an invalid %-escape", path, List.of());
        }
        LOG.error("request {} failed", path, exception);
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "internal error; the server log has the details", path,
                List.of());
    }

    /** The services' and the model's exceptions, as the API answers them; null for any other. */
    static ApiException fromService(Throwable exception) {
        InvalidModelException invalid = cause(exception, InvalidModelException.class);
        if (invalid != null) {
            if (invalid.violations().size() == 1) {
                return ApiException.invalid(invalid.violations().get(0).field(), invalid.violations().get(0).message());
            }
            return Bodies.invalid(invalid.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message())).toList());
        }
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof NotFoundException) {
                return ApiException.notFound(t.getMessage());
            }
            if (t instanceof ConflictException) {
                return ApiException.conflict(t.getMessage());
            }
            if (t instanceof ForbiddenException) {
                return ApiException.forbidden(t.getMessage());
            }
            if (t instanceof ConnectionFailedException failed) {
                return new ApiException(failed.unavailable() ? Response.Status.SERVICE_UNAVAILABLE
                        : Response.Status.BAD_GATEWAY, failed.getMessage(), List.of());
            }
        }
        return null;
    }

    private static Problem jsonProblem(JsonProcessingException json, String path) {
        if (json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            String message = message(mapping);
            return problem(Response.Status.BAD_REQUEST, field + ": " + message, path,
                    List.of(new Problem.FieldError(field, message)));
        }
        String location = json.getLocation() == null ? ""
                : " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
        return problem(Response.Status.BAD_REQUEST, "the request body is not valid JSON" + location, path, List.of());
    }

    private static String message(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (mapping instanceof InvalidNullException) {
            return "must not be null";
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target == String.class) {
                return "must be a string";
            }
            if (target == Boolean.class || target == boolean.class) {
                return "must be true or false";
            }
            if (Number.class.isAssignableFrom(target) || target == int.class || target == long.class
                    || target == double.class) {
                return "must be a number";
            }
        }
        return "has the wrong type or format";
    }

    static String fieldPath(JsonMappingException mapping) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static JsonProcessingException jsonCause(Throwable exception) {
        return cause(exception, JsonProcessingException.class);
    }

    private static <T extends Throwable> T cause(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Problem problem(Response.StatusType status, String detail, String path,
                                   List<Problem.FieldError> errors) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, path, errors);
    }

    private String path() {
        try {
            return uriInfo == null ? null : "/api/" + uriInfo.getPath(false).replaceFirst("^/", "");
        } catch (RuntimeException e) {
            return null;
        }
    }
}

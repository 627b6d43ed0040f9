package io.arus.core.rest.internal;

import io.arus.api.config.ConfigViolation;
import io.arus.core.model.InvalidModelException;
import io.arus.core.service.ConflictException;
import io.arus.core.service.ForbiddenException;
import io.arus.core.service.NotFoundException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import javax.ws.rs.core.Response;

/**
 * The answers of the administration services (users, API tokens, settings, dead letters, plugins, run control) as
 * the API's problems: invalid arguments 400 naming each field, not found 404, a clash 409, a role too small 403.
 */
final class ServiceProblems {
    private ServiceProblems() {
    }

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidModelException e) {
            List<ConfigViolation> violations = e.violations();
            if (violations.size() == 1) {
                throw ApiException.invalid(violations.get(0).field(), violations.get(0).message());
            }
            throw Bodies.invalid(violations.stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList());
        } catch (NotFoundException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (ForbiddenException e) {
            throw ApiException.forbidden(e.getMessage());
        } catch (UncheckedIOException e) {
            throw new ApiException(Response.Status.INTERNAL_SERVER_ERROR, e.getMessage(), List.of());
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }
}

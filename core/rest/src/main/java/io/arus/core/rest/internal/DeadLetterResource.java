package io.arus.core.rest.internal;

import io.arus.core.store.DeadLetter;
import io.arus.core.store.DeadLetterStore;
import io.arus.core.store.Role;
import java.util.List;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/dead-letters?run_id=}: the rows a run's destination or transforms refused, with the reason. */
@Component(service = DeadLetterResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.VIEWER)
public final class DeadLetterResource {
    private final DeadLetterStore deadLetters;

    @Activate
    public DeadLetterResource(@Reference DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    public List<DeadLetter> list(@QueryParam("run_id") String runId, @QueryParam("limit") @DefaultValue("100") int limit,
                                 @QueryParam("offset") @DefaultValue("0") int offset) {
        if (runId == null || runId.isBlank()) {
            throw ApiException.invalid("run_id", "is required");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalid("limit", "must be between 1 and 1000");
        }
        if (offset < 0) {
            throw ApiException.invalid("offset", "must not be negative");
        }
        return deadLetters.byRun(runId, limit, offset);
    }
}

package io.arus.core.rest.internal;

import io.arus.core.engine.DeadLetterReplay;
import io.arus.core.service.DeadLetterService;
import io.arus.core.store.DeadLetter;
import io.arus.core.store.Role;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/dead-letters}: the rows a run's destination or transforms refused, with the reason; and replaying
 * them once the cause is fixed. Through {@link DeadLetterService}, which the shell calls too.
 */
@Component(service = DeadLetterResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public final class DeadLetterResource {
    private final DeadLetterService deadLetters;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    /** @param runId replay every pending dead letter of this run @param ids or these */
    public record ReplayRequest(String runId, List<String> ids) {
    }

    /** @param replayed how many landed @param failed how many were refused again @param results each one */
    public record ReplayResult(int replayed, int failed, List<DeadLetterReplay.Outcome> results) {
    }

    @Activate
    public DeadLetterResource(@Reference DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Writes the chosen dead letters again; those that land are marked replayed, the others keep waiting. */
    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.EDITOR)
    public ReplayResult replay(ReplayRequest body) {
        Bodies.required(body);
        DeadLetterService.Replayed result = ServiceProblems.call(() -> deadLetters.replay(Caller.actor(security, request),
                body.runId(), body.ids()));
        return new ReplayResult(result.replayed(), result.failed(), result.results());
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public List<DeadLetter> list(@QueryParam("run_id") String runId, @QueryParam("limit") @DefaultValue("100") int limit,
                                 @QueryParam("offset") @DefaultValue("0") int offset) {
        return ServiceProblems.call(() -> deadLetters.list(runId, limit, offset));
    }
}

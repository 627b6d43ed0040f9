package io.arus.core.rest.internal;

import io.arus.core.engine.DeadLetterReplay;
import io.arus.core.store.AuditLog;
import io.arus.core.store.DeadLetter;
import io.arus.core.store.DeadLetterStore;
import io.arus.core.store.Role;
import java.util.List;
import java.util.ArrayList;
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
 * them once the cause is fixed.
 */
@Component(service = DeadLetterResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public final class DeadLetterResource {
    /** Run and dead-letter ids are UUIDs. */
    private static final int ID_LENGTH = 36;
    private static final int MAX_IDS = 10_000;
    private final DeadLetterStore deadLetters;
    private final DeadLetterReplay replay;
    private final AuditLog audit;

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
    public DeadLetterResource(@Reference DeadLetterStore deadLetters, @Reference DeadLetterReplay replay,
                              @Reference AuditLog audit) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.audit = audit;
    }

    /** Writes the chosen dead letters again; those that land are marked replayed, the others keep waiting. */
    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.EDITOR)
    public ReplayResult replay(ReplayRequest body) {
        Bodies.required(body);
        // everything is checked before anything is written: a replay cannot be taken back
        if (body.runId() != null) {
            Bodies.text(body.runId(), "run_id", ID_LENGTH);
        }
        List<String> ids = new ArrayList<>();
        if (body.ids() != null) {
            if (body.ids().size() > MAX_IDS) {
                throw ApiException.invalid("ids", "may name at most " + MAX_IDS + " dead letters");
            }
            for (int i = 0; i < body.ids().size(); i++) {
                ids.add(Bodies.text(body.ids().get(i), "ids[" + i + "]", ID_LENGTH));
            }
        }
        if (body.runId() != null) {
            for (int offset = 0; ; offset += 1000) {
                List<DeadLetter> page = deadLetters.byRun(body.runId(), 1000, offset);
                page.stream().filter(l -> l.replayedAt() == null).forEach(l -> ids.add(l.id()));
                if (page.size() < 1000) {
                    break;
                }
            }
        }
        if (ids.isEmpty()) {
            throw ApiException.invalid(body.runId() == null ? "ids" : "run_id", "names no dead letter waiting for a replay");
        }
        String actor = Caller.of(security).username();
        String target = body.runId() == null ? null : "run:" + body.runId();
        // before the effect: the rows go to the destination, outside any transaction of ours
        audit.record(actor, "dead_letters.replay", target, ids.size() + " dead letter(s) to replay", Caller.address(request));
        List<DeadLetterReplay.Outcome> outcomes = replay.replay(ids);
        int replayed = (int) outcomes.stream().filter(DeadLetterReplay.Outcome::replayed).count();
        audit.record(actor, "dead_letters.replayed", target, replayed + " of " + outcomes.size() + " replayed",
                Caller.address(request));
        return new ReplayResult(replayed, outcomes.size() - replayed, outcomes);
    }

    @GET
    @RequiresRole(Role.VIEWER)
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

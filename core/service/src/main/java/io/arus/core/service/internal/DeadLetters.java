package io.arus.core.service.internal;

import io.arus.core.engine.DeadLetterReplay;
import io.arus.core.service.Actor;
import io.arus.core.service.DeadLetterService;
import io.arus.core.store.AuditLog;
import io.arus.core.store.DeadLetter;
import io.arus.core.store.DeadLetterStore;
import io.arus.core.store.Role;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link DeadLetterService} over the dead-letter store and the engine's replay. */
@Component(service = DeadLetterService.class)
public final class DeadLetters implements DeadLetterService {
    /** Run and dead-letter ids are UUIDs. */
    private static final int ID_LENGTH = 36;
    private static final int MAX_IDS = 10_000;
    private static final int PAGE = 1000;

    private final DeadLetterStore deadLetters;
    private final DeadLetterReplay replay;
    private final AuditLog audit;

    @Activate
    public DeadLetters(@Reference DeadLetterStore deadLetters, @Reference DeadLetterReplay replay,
                                  @Reference AuditLog audit) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.audit = audit;
    }

    @Override
    public List<DeadLetter> list(String runId, int limit, int offset) {
        if (runId == null || runId.isBlank()) {
            throw FieldChecks.invalid("run_id", "is required");
        }
        FieldChecks.text(runId, "run_id", ID_LENGTH);
        if (limit < 1 || limit > PAGE) {
            throw FieldChecks.invalid("limit", "must be between 1 and " + PAGE);
        }
        if (offset < 0) {
            throw FieldChecks.invalid("offset", "must not be negative");
        }
        return deadLetters.byRun(runId, limit, offset);
    }

    @Override
    public Replayed replay(Actor actor, String runId, List<String> ids) {
        actor.require(Role.EDITOR);
        // everything is checked before anything is written: a replay cannot be taken back
        if (runId != null) {
            FieldChecks.text(runId, "run_id", ID_LENGTH);
        }
        List<String> chosen = new ArrayList<>();
        if (ids != null) {
            if (ids.size() > MAX_IDS) {
                throw FieldChecks.invalid("ids", "may name at most " + MAX_IDS + " dead letters");
            }
            for (int i = 0; i < ids.size(); i++) {
                chosen.add(FieldChecks.text(ids.get(i), "ids[" + i + "]", ID_LENGTH));
            }
        }
        if (runId != null) {
            for (int offset = 0; ; offset += PAGE) {
                List<DeadLetter> page = deadLetters.byRun(runId, PAGE, offset);
                page.stream().filter(l -> l.replayedAt() == null).forEach(l -> chosen.add(l.id()));
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        if (chosen.isEmpty()) {
            throw FieldChecks.invalid(runId == null ? "ids" : "run_id", "names no dead letter waiting for a replay");
        }
        String target = runId == null ? null : "run:" + runId;
        // before the effect: the rows go to the destination, outside any transaction of ours
        audit.record(actor.username(), "dead_letters.replay", target, chosen.size() + " dead letter(s) to replay",
                actor.address());
        List<DeadLetterReplay.Outcome> outcomes = replay.replay(chosen);
        int replayed = (int) outcomes.stream().filter(DeadLetterReplay.Outcome::replayed).count();
        audit.record(actor.username(), "dead_letters.replayed", target, replayed + " of " + outcomes.size() + " replayed",
                actor.address());
        return new Replayed(replayed, outcomes.size() - replayed, outcomes);
    }
}

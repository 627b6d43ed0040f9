package io.arus.core.service;

import io.arus.core.engine.DeadLetterReplay;
import io.arus.core.store.DeadLetter;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The rows a run's destination or transforms refused, with the reason ({@code /api/dead-letters},
 * {@code arus:deadLetters}); and replaying them once the cause is fixed (editors).
 */
@ProviderType
public interface DeadLetterService {
    /**
     * @param runId  the run
     * @param limit  1 to 1000
     * @param offset 0 or more
     * @throws io.arus.core.model.InvalidModelException naming {@code run_id}, {@code limit} or {@code offset}
     */
    List<DeadLetter> list(String runId, int limit, int offset);

    /**
     * Writes the chosen dead letters again; those that land are marked replayed, the others keep waiting. Every
     * argument is checked before anything is written, and the replay is audited before its rows go out (a replay
     * cannot be taken back), and its outcome after.
     *
     * @param runId replay every pending dead letter of this run, or null
     * @param ids   these dead letters too (at most 10000), or null
     * @throws ForbiddenException                       unless the actor is an editor
     * @throws io.arus.core.model.InvalidModelException naming {@code run_id} or {@code ids[i]}, or when they name no
     *                                                  dead letter waiting for a replay
     */
    Replayed replay(Actor actor, String runId, List<String> ids);

    /**
     * @param replayed how many landed
     * @param failed   how many were refused again
     * @param results  each one
     */
    record Replayed(int replayed, int failed, List<DeadLetterReplay.Outcome> results) {
    }
}

package io.arus.core.service;

import io.arus.core.model.InvalidModelException;
import io.arus.core.model.PipelineSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Pipelines, for every interface (REST, the shell, pipelines as code). Each change checks the actor's role (editor),
 * validates the whole pipeline at once ({@link PipelineSpec#validate()} plus its references: source, destination,
 * upstream pipelines, notification targets, and the schedule's cron and time zone), writes the change, its
 * notification subscriptions and its audit entry in one transaction, and posts RunEvents.PIPELINE_CHANGED (change
 * {@code created}, {@code updated}, {@code enabled}, {@code disabled} or {@code deleted}) once the outermost
 * transaction committed (see {@link ServiceTransaction}).
 *
 * <p>Errors: {@link InvalidModelException} (every offending field, 400), {@link NotFoundException} (404),
 * {@link ConflictException} (a name taken, 409), {@link ForbiddenException} (403).
 */
@ProviderType
public interface PipelineService {
    /**
     * Checks a pipeline as {@link #create} would, changing nothing.
     *
     * @return every violation, model and references, each with its field path; empty when it may be stored
     */
    List<io.arus.api.config.ConfigViolation> violations(PipelineSpec spec);

    /** @return every pipeline, by name */
    List<SavedPipeline> list();

    /**
     * @return the pipeline
     * @throws NotFoundException when no pipeline has the id
     */
    SavedPipeline get(String id);

    /** @return the pipeline of that name, if any */
    Optional<SavedPipeline> byName(String name);

    /**
     * @param spec the pipeline; null notifications are none
     * @return the stored pipeline, defaults applied
     */
    SavedPipeline create(Actor actor, PipelineSpec spec);

    /**
     * Replaces a pipeline with {@code spec}: fields left out take their defaults, except {@code notifications}: null
     * leaves the stored subscriptions as they are.
     *
     * @return the stored pipeline
     */
    SavedPipeline update(Actor actor, String id, PipelineSpec spec);

    /** Deletes the pipeline with its offsets, subscriptions and dependency edges; its runs stay in the history. */
    void delete(Actor actor, String id);

    /**
     * Lets the schedule and dependency triggers fire again ({@code true}) or stops them ({@code false}); runs
     * started by hand work either way. No change, no audit entry and no event when it is already so.
     *
     * @return the stored pipeline
     */
    SavedPipeline setEnabled(Actor actor, String id, boolean enabled);

    /**
     * Forgets every stored offset and the columns each stream's last run saw: the next run resyncs every stream from
     * scratch.
     */
    void resetState(Actor actor, String id);

    /**
     * What the source keeps for the pipeline's change-capture streams (PostgreSQL: each slot, whether it is active,
     * its WAL status and the WAL it retains), asked from the source now.
     *
     * @return per change-capture stream, its feed's description; empty when the pipeline has none
     * @throws NotFoundException when there is no such pipeline
     */
    Map<String, Map<String, Object>> changeFeeds(String id);
}

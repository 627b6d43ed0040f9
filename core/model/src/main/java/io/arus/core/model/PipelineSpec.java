package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A pipeline as a client writes it (JSON API, YAML, shell): the same flat, snake_case shape everywhere. Fields a
 * client leaves out are null here; {@link #withDefaults()} fills them, in this one place. {@link #validate()} checks
 * everything the model can know and reports every violation at once with its path; references (the source, the
 * destination, upstream pipelines, notification targets) and the cron expression are checked by the service.
 * The read-only fields of an answer ({@code id}, {@code created_at}, {@code updated_at}, {@code last_run}) are
 * ignored when bound, so a GET answer can be PUT back unchanged.
 *
 * <p>The model has two typed parts its readers use: {@link #sync()}, what the engine reads, and
 * {@link #policies()}, what the scheduler reads.
 *
 * @param name            unique, 1 to 100 characters
 * @param sourceId        the source's id
 * @param destinationId   the destination's id
 * @param enabled         whether schedules and dependencies may start it; true by default
 * @param schedule        when it runs by itself, or null for never
 * @param dependsOn       ids of upstream pipelines whose success starts it; none by default
 * @param notifications   which targets hear which events; null leaves the stored subscriptions as they are (an
 *                        update), an empty list removes them all
 * @param streams         the selected streams, at least one
 * @param zones           {@code raw} and/or {@code normalized}; {@code [normalized]} by default
 * @param targetNamespace the normalized zone's namespace, 1 to 63 characters; {@code analytics} by default
 * @param rawNamespace    the raw zone's namespace, 1 to 63 characters; {@code staging} by default
 * @param batchSize       rows per batch, 1 to 1,000,000; 10,000 by default
 * @param batchMemoryMb   the most memory (MiB) the rows of one batch take, 1 to 1,024; 2 by default: a batch ends at
 *                        {@code batch_size} rows or at this size, whichever comes first, so wide rows make smaller
 *                        batches and a run's memory stays bounded
 * @param parallelism     readers at once, 1 to 16; 2 by default: streams synced at once, and a full refresh of a
 *                        table with a key and without transform steps is read in key ranges (a PostgreSQL table
 *                        without a key, in replace mode: page ranges on one snapshot) by the readers its stream is
 *                        left (parallelism divided by the streams synced at once)
 * @param errorThreshold  rejected rows a run tolerates before it fails, or null for no limit
 * @param lookBackSeconds how far before the stored cursor incremental reads start again, up to 31 days; 0 by default
 * @param softDeleteMode  {@code delete} (the default) or {@code flag}
 * @param qualityChecks   the checks run after each stream; {@link QualityChecksSpec#DEFAULT} by default
 * @param misfirePolicy   {@code run_once} (the default) or {@code skip}
 * @param overlapPolicy   {@code skip} (the default) or {@code queue}
 * @param models          SQL models run in the destination after the streams, in order; empty by default
 * @param cdc             how change-capture streams run ({@code until}: {@code never} by default, or {@code current};
 *                        {@code lag_alert_seconds}: when {@code cdc_lag} fires, 300 by default;
 *                        {@code checkpoint_seconds}: the longest a stream gathers changes before writing them and
 *                        storing its position, 1 by default)
 * @param retry           how a run rides out a source or destination it cannot reach ({@code attempts}, 8 by default;
 *                        {@code max_delay_seconds}, 60 by default)
 */
@JsonIgnoreProperties(value = {"id", "created_at", "updated_at", "last_run"}, allowGetters = true)
@JsonPropertyOrder({"name", "source_id", "destination_id", "streams", "zones", "target_namespace", "raw_namespace",
        "batch_size", "batch_memory_mb", "parallelism", "error_threshold", "look_back_seconds", "soft_delete_mode",
        "quality_checks", "misfire_policy", "overlap_policy", "models", "cdc", "retry", "enabled", "schedule",
        "depends_on", "notifications"})
public record PipelineSpec(String name,
                           @JsonProperty("source_id") String sourceId,
                           @JsonProperty("destination_id") String destinationId,
                           Boolean enabled,
                           ScheduleSpec schedule,
                           @JsonProperty("depends_on") List<String> dependsOn,
                           List<NotificationSpec> notifications,
                           List<StreamSpec> streams,
                           List<String> zones,
                           @JsonProperty("target_namespace") String targetNamespace,
                           @JsonProperty("raw_namespace") String rawNamespace,
                           @JsonProperty("batch_size") Integer batchSize,
                           @JsonProperty("batch_memory_mb") Integer batchMemoryMb,
                           Integer parallelism,
                           @JsonProperty("error_threshold") Long errorThreshold,
                           @JsonProperty("look_back_seconds") Long lookBackSeconds,
                           @JsonProperty("soft_delete_mode") String softDeleteMode,
                           @JsonProperty("quality_checks") QualityChecksSpec qualityChecks,
                           @JsonProperty("misfire_policy") MisfirePolicy misfirePolicy,
                           @JsonProperty("overlap_policy") OverlapPolicy overlapPolicy,
                           List<ModelSpec> models,
                           CdcSpec cdc,
                           RetrySpec retry) {
    /** The keys of the stored definition: everything but name, references, enabled, schedule and notifications. */
    public static final List<String> DEFINITION_KEYS = List.of("streams", "zones", "target_namespace", "raw_namespace",
            "batch_size", "batch_memory_mb", "parallelism", "error_threshold", "look_back_seconds", "soft_delete_mode",
            "quality_checks", "misfire_policy", "overlap_policy", "models", "cdc", "retry");

    /** Copies the lists (null stays null: "not given"). */
    public PipelineSpec {
        dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
        notifications = notifications == null ? null : List.copyOf(notifications);
        streams = streams == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(streams));
        zones = zones == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(zones));
        models = models == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(models));
    }

    /**
     * @return this pipeline with every field a client may leave out filled with its default; {@code notifications}
     *         and {@code schedule} stay as they are (null has a meaning of its own for them), so does
     *         {@code error_threshold} (null: no limit)
     */
    public PipelineSpec withDefaults() {
        return PipelineChecks.withDefaults(this);
    }

    /**
     * Checks everything the model knows: required fields, lengths, ranges, choices, duplicate streams, secret-free
     * shapes. References and cron expressions are the service's to check.
     *
     * @return this pipeline {@linkplain #withDefaults() with its defaults}
     * @throws InvalidModelException naming every offending field at once ({@code streams[2].cursor_field})
     */
    public PipelineSpec validate() {
        return PipelineChecks.validate(this);
    }

    /** @return what the engine reads, defaults applied (call on a {@linkplain #validate() valid} pipeline) */
    @JsonIgnore
    public SyncSpec sync() {
        PipelineSpec d = withDefaults();
        return new SyncSpec(d.streams, d.zones, d.targetNamespace, d.rawNamespace, d.batchSize, d.batchMemoryMb,
                d.parallelism, d.errorThreshold, d.lookBackSeconds, d.softDeleteMode, d.qualityChecks, d.models, d.cdc,
                d.retry);
    }

    /**
     * @param replaced the streams to put in place of this pipeline's (the same streams with their steps' secrets
     *                 sealed or masked)
     * @return this pipeline with those streams
     */
    public PipelineSpec withStreams(List<StreamSpec> replaced) {
        return new PipelineSpec(name, sourceId, destinationId, enabled, schedule, dependsOn, notifications, replaced,
                zones, targetNamespace, rawNamespace, batchSize, batchMemoryMb, parallelism, errorThreshold,
                lookBackSeconds, softDeleteMode, qualityChecks, misfirePolicy, overlapPolicy, models, cdc, retry);
    }

    /** @return what the scheduler reads, defaults applied */
    @JsonIgnore
    public SchedulingPolicies policies() {
        return new SchedulingPolicies(misfirePolicy == null ? MisfirePolicy.RUN_ONCE : misfirePolicy,
                overlapPolicy == null ? OverlapPolicy.SKIP : overlapPolicy);
    }

    /** @return the stored definition: the {@link #DEFINITION_KEYS} as JSON-friendly values, defaults applied */
    public Map<String, Object> definition() {
        return PipelineChecks.definition(withDefaults());
    }

    /**
     * Rebuilds a pipeline from what the store keeps.
     *
     * @param definition the stored definition ({@link #definition()})
     * @return the pipeline, defaults applied
     * @throws InvalidModelException when the stored definition no longer binds (a field of another version)
     */
    public static PipelineSpec of(String name, String sourceId, String destinationId, boolean enabled,
                                  ScheduleSpec schedule, List<String> dependsOn, List<NotificationSpec> notifications,
                                  Map<String, ?> definition) {
        PipelineSpec sync = ModelReader.definition(definition);
        return new PipelineSpec(name, sourceId, destinationId, enabled, schedule, dependsOn, notifications,
                sync.streams, sync.zones, sync.targetNamespace, sync.rawNamespace, sync.batchSize, sync.batchMemoryMb,
                sync.parallelism,
                sync.errorThreshold, sync.lookBackSeconds, sync.softDeleteMode, sync.qualityChecks, sync.misfirePolicy,
                sync.overlapPolicy, sync.models, sync.cdc, sync.retry).withDefaults();
    }
}

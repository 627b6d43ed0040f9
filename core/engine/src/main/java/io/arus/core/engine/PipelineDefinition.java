package io.arus.core.engine;

import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.core.model.CdcSpec;
import io.arus.core.model.InvalidModelException;
import io.arus.core.model.ModelSpec;
import io.arus.core.model.StreamSpec;
import io.arus.core.model.SyncSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run reads of a pipeline: the sync part of its model ({@link SyncSpec}, parsed and validated once by
 * io.arus.core.model), in the engine's types. The scheduling policies are not here: they are the scheduler's.
 *
 * @param streams         the selected streams, at least one
 * @param rawZone         write the untouched records as JSON, append-only, with run id and extraction time
 * @param normalizedZone  write typed columns (upserted by key in incremental mode)
 * @param targetNamespace the destination namespace of the normalized zone
 * @param rawNamespace    the destination namespace of the raw zone
 * @param batchSize       rows per batch
 * @param parallelism     readers at once: streams synced at once, and key ranges of one stream read at once
 * @param errorThreshold  rejected rows a run tolerates before it fails; null for no limit
 * @param lookBackSeconds how far before the stored cursor incremental reads start again
 * @param softDeleteMode  {@code delete}: a soft-deleted row is deleted in the destination; {@code flag}: it is
 *                        written with its soft-delete column set
 * @param qualityChecks   the checks run after each stream
 * @param models          the SQL models run in the destination after every stream succeeded, in order
 * @param followChanges   whether change-capture streams follow the log until stopped (else they drain to the
 *                        position current at start and end)
 * @param lagAlertSeconds how far behind its source (seconds) a change-capture stream may fall before the
 *                        {@link RunEvents#CDC_LAG} event is posted (since 2.2)
 * @param checkpointSeconds the longest (seconds) a change-capture stream gathers changes before it writes them and
 *                          stores its offset (since 2.3)
 * @param retry           how a stream rides out a source or destination it cannot reach (since 2.4)
 * @param batchBytes      the most memory the rows of one batch take
 *                        ({@link io.arus.api.connector.ReadRequest#batchBytes()}); 0 for no bound (since 2.7)
 */
public record PipelineDefinition(List<StreamSettings> streams, boolean rawZone, boolean normalizedZone,
                                 String targetNamespace, String rawNamespace, int batchSize, int parallelism,
                                 Long errorThreshold, long lookBackSeconds, String softDeleteMode,
                                 QualityCheckSettings qualityChecks, List<ModelSpec> models,
                                 boolean followChanges, int lagAlertSeconds, int checkpointSeconds,
                                 RetryPolicy retry, long batchBytes) {
    /** Copies the streams and models. */
    public PipelineDefinition {
        streams = List.copyOf(streams);
        models = models == null ? List.of() : List.copyOf(models);
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
    }

    /** A definition without a bound on a batch's memory, as before 2.7. */
    public PipelineDefinition(List<StreamSettings> streams, boolean rawZone, boolean normalizedZone,
                              String targetNamespace, String rawNamespace, int batchSize, int parallelism,
                              Long errorThreshold, long lookBackSeconds, String softDeleteMode,
                              QualityCheckSettings qualityChecks, List<ModelSpec> models, boolean followChanges,
                              int lagAlertSeconds, int checkpointSeconds, RetryPolicy retry) {
        this(streams, rawZone, normalizedZone, targetNamespace, rawNamespace, batchSize, parallelism, errorThreshold,
                lookBackSeconds, softDeleteMode, qualityChecks, models, followChanges, lagAlertSeconds,
                checkpointSeconds, retry, 0);
    }

    /** A definition with the default retries ({@link RetryPolicy#DEFAULT}), as before 2.4. */
    public PipelineDefinition(List<StreamSettings> streams, boolean rawZone, boolean normalizedZone,
                              String targetNamespace, String rawNamespace, int batchSize, int parallelism,
                              Long errorThreshold, long lookBackSeconds, String softDeleteMode,
                              QualityCheckSettings qualityChecks, List<ModelSpec> models, boolean followChanges,
                              int lagAlertSeconds, int checkpointSeconds) {
        this(streams, rawZone, normalizedZone, targetNamespace, rawNamespace, batchSize, parallelism, errorThreshold,
                lookBackSeconds, softDeleteMode, qualityChecks, models, followChanges, lagAlertSeconds,
                checkpointSeconds, RetryPolicy.DEFAULT);
    }

    /** A definition with the default lag threshold ({@link CdcSpec#DEFAULT_LAG_ALERT_SECONDS}), as before 2.2. */
    public PipelineDefinition(List<StreamSettings> streams, boolean rawZone, boolean normalizedZone,
                              String targetNamespace, String rawNamespace, int batchSize, int parallelism,
                              Long errorThreshold, long lookBackSeconds, String softDeleteMode,
                              QualityCheckSettings qualityChecks, List<ModelSpec> models, boolean followChanges) {
        this(streams, rawZone, normalizedZone, targetNamespace, rawNamespace, batchSize, parallelism, errorThreshold,
                lookBackSeconds, softDeleteMode, qualityChecks, models, followChanges,
                CdcSpec.DEFAULT_LAG_ALERT_SECONDS);
    }

    /** A definition with the default checkpoint interval ({@link CdcSpec#DEFAULT_CHECKPOINT_SECONDS}), as before 2.3. */
    public PipelineDefinition(List<StreamSettings> streams, boolean rawZone, boolean normalizedZone,
                              String targetNamespace, String rawNamespace, int batchSize, int parallelism,
                              Long errorThreshold, long lookBackSeconds, String softDeleteMode,
                              QualityCheckSettings qualityChecks, List<ModelSpec> models, boolean followChanges,
                              int lagAlertSeconds) {
        this(streams, rawZone, normalizedZone, targetNamespace, rawNamespace, batchSize, parallelism, errorThreshold,
                lookBackSeconds, softDeleteMode, qualityChecks, models, followChanges, lagAlertSeconds,
                CdcSpec.DEFAULT_CHECKPOINT_SECONDS);
    }

    /**
     * @param sync the sync part of a valid pipeline
     * @return it in the engine's types
     */
    public static PipelineDefinition of(SyncSpec sync) {
        List<StreamSettings> streams = sync.streams().stream().map(PipelineDefinition::stream).toList();
        return new PipelineDefinition(streams, sync.rawZone(), sync.normalizedZone(), sync.targetNamespace(),
                sync.rawNamespace(), sync.batchSize(), sync.parallelism(), sync.errorThreshold(), sync.lookBackSeconds(),
                sync.softDeleteMode(), QualityCheckSettings.of(sync.qualityChecks()), sync.models(),
                sync.cdc().follows(), sync.cdc().effectiveLagAlertSeconds(), sync.cdc().effectiveCheckpointSeconds(),
                RetryPolicy.of(sync.retry()), (long) sync.batchMemoryMb() << 20);
    }

    /**
     * @param definition a stored pipeline's definition
     * @return what a run reads of it
     * @throws InvalidModelException when the stored definition no longer binds, naming each field
     */
    public static PipelineDefinition of(Map<String, ?> definition) {
        return of(SyncSpec.of(definition));
    }

    private static StreamSettings stream(StreamSpec s) {
        SyncMode sync = s.syncMode() == null ? SyncMode.INCREMENTAL : SyncMode.valueOf(s.syncMode().toUpperCase(Locale.ROOT));
        WriteMode write = s.writeMode() == null ? null : WriteMode.valueOf(s.writeMode().toUpperCase(Locale.ROOT));
        return new StreamSettings(s.name(), sync, s.cursorField(), s.primaryKey(), s.softDeleteField(), write,
                s.transforms());
    }
}

package io.arus.core.model;

import java.util.List;
import java.util.Map;

/**
 * The engine's side of a pipeline: what a run reads and how it writes, defaults applied. The engine reads only this
 * part of a pipeline's model ({@link PipelineSpec#sync()}).
 *
 * @param streams         the selected streams, at least one, each with its sync mode
 * @param zones           {@code raw} and/or {@code normalized}
 * @param targetNamespace the destination namespace of the normalized zone
 * @param rawNamespace    the destination namespace of the raw zone
 * @param batchSize       rows per batch
 * @param batchMemoryMb   the most memory (MiB) the rows of one batch take
 * @param parallelism     readers at once: streams synced at once, and key or page ranges of one stream read at once
 * @param errorThreshold  rejected rows a run tolerates before it fails; null for no limit
 * @param lookBackSeconds how far before the stored cursor incremental reads start again
 * @param softDeleteMode  {@code delete} or {@code flag}
 * @param qualityChecks   the checks run after each stream
 * @param models          the SQL models run in the destination after the streams, in order
 * @param cdc             how change-capture streams run
 * @param retry           how a run rides out a source or destination it cannot reach
 */
public record SyncSpec(List<StreamSpec> streams, List<String> zones, String targetNamespace, String rawNamespace,
                       int batchSize, int batchMemoryMb, int parallelism, Long errorThreshold, long lookBackSeconds,
                       String softDeleteMode, QualityChecksSpec qualityChecks, List<ModelSpec> models,
                       CdcSpec cdc, RetrySpec retry) {
    /** Copies the lists. */
    public SyncSpec {
        streams = List.copyOf(streams);
        zones = List.copyOf(zones);
        models = models == null ? List.of() : List.copyOf(models);
        cdc = cdc == null ? new CdcSpec(CdcSpec.NEVER) : cdc;
        retry = retry == null ? RetrySpec.DEFAULT : retry;
    }

    /**
     * @param definition a stored pipeline definition ({@link PipelineSpec#definition()})
     * @return its sync part, defaults applied
     * @throws InvalidModelException when it no longer binds (a field of another version), naming each field
     */
    public static SyncSpec of(Map<String, ?> definition) {
        return ModelReader.definition(definition).sync();
    }

    /** @return whether untouched records are written as JSON, append-only, to the raw zone */
    public boolean rawZone() {
        return zones.contains("raw");
    }

    /** @return whether typed columns are written to the normalized zone */
    public boolean normalizedZone() {
        return zones.contains("normalized");
    }
}

package io.arus.core.store;

import io.arus.api.record.Offset;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where each stream (and split) of a pipeline has been read up to: written after the destination flushed a
 * batch, read by the next run to resume. The columns a stream had on its last run are kept apart, in
 * {@link StreamSchemaStore}.
 */
@ProviderType
public interface StreamOffsetStore {
    /** @return the stored offset of a split, as its connector made it */
    Optional<Offset> get(String pipelineId, String stream, String splitId);

    /**
     * Inserts or replaces an offset.
     *
     * @param offset its values JSON-friendly (strings, numbers, booleans, null, lists and maps of them)
     */
    void put(String pipelineId, String stream, String splitId, Offset offset);

    /** @return every offset of a pipeline, by {@code stream} then split id, both sorted */
    Map<String, Map<String, Offset>> all(String pipelineId);

    /** Deletes the offsets of one stream (its next run starts from scratch). */
    void clear(String pipelineId, String stream);

    /** Deletes every offset of a pipeline. */
    void clearAll(String pipelineId);
}

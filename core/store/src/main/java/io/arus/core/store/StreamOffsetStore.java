package io.arus.core.store;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where each stream (and split) of a pipeline has been read up to: written after the destination flushed a
 * batch, read by the next run to resume.
 */
@ProviderType
public interface StreamOffsetStore {
    /** @return the stored offset: {@code {"version": 1, "values": {...}}}-shaped JSON-friendly values */
    Optional<Map<String, Object>> get(String pipelineId, String stream, String splitId);

    /** Inserts or replaces an offset. */
    void put(String pipelineId, String stream, String splitId, Map<String, Object> offset);

    /** @return every offset of a pipeline, by {@code stream} then split id */
    Map<String, Map<String, Map<String, Object>>> all(String pipelineId);

    /** Deletes the offsets of one stream (its next run starts from scratch). */
    void clear(String pipelineId, String stream);

    /** Deletes every offset of a pipeline. */
    void clearAll(String pipelineId);
}

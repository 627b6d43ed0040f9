package io.arus.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The columns each stream of a pipeline had when it last ran, one entry per column as {@code "name type"}: the next
 * run compares them with the source's to announce a schema change. Resetting a stream's state clears them with its
 * offsets.
 */
@ProviderType
public interface StreamSchemaStore {
    /** @return the columns the stream's last run saw, in the source's order */
    Optional<List<String>> get(String pipelineId, String stream);

    /** Inserts or replaces the columns of a stream. */
    void put(String pipelineId, String stream, List<String> columns);

    /** @return the columns of every stream of a pipeline, by stream (sorted) */
    Map<String, List<String>> all(String pipelineId);

    /** Forgets the columns of one stream. */
    void clear(String pipelineId, String stream);

    /** Forgets the columns of every stream of a pipeline. */
    void clearAll(String pipelineId);
}

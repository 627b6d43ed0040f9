package io.arus.core.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Pipelines. */
@ProviderType
public interface PipelineStore {
    /** @return every pipeline, by name */
    List<Pipeline> list();

    /** @return the pipeline */
    Optional<Pipeline> byId(String id);

    /**
     * Creates a pipeline from every field of {@code pipeline} but id and timestamps, which the store sets.
     *
     * @throws ConflictException when the name is taken or a referenced connection or upstream does not exist
     */
    Pipeline create(Pipeline pipeline) throws ConflictException;

    /**
     * Replaces every field but id and createdAt.
     *
     * @return the updated pipeline, or empty when there is none
     * @throws ConflictException as for create
     */
    Optional<Pipeline> update(Pipeline pipeline) throws ConflictException;

    /** @return whether a pipeline was deleted (its runs, logs, offsets and dead letters go with it) */
    boolean delete(String id);
}

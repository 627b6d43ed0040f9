package io.arus.api.transform;

import org.osgi.annotation.versioning.ProviderType;

/** What the engine tells a transform step about the run (or preview) it works for. Implemented by the engine. */
@ProviderType
public interface TransformContext {
    /** @return the id of the pipeline, e.g. to derive a per-pipeline value */
    String pipelineId();

    /** @return the stream the step transforms, {@code namespace.table} as the source names it */
    String stream();

    /** @return the run's id, or {@code null} in a preview (nothing is written then) */
    String runId();

    /**
     * Cooperative stop: a step that waits (on a process, on I/O) checks this and gives up early.
     *
     * @return true once the run was cancelled, paused or the server is stopping
     */
    boolean isStopped();

    /**
     * Adds a line to the run's log (shown in the console, kept with the run). Never pass a secret.
     *
     * @param level   how important
     * @param message the line
     */
    void log(System.Logger.Level level, String message);
}

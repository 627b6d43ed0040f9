package io.arus.api.connector;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the engine tells a reader or writer about the run it works for. Implemented by the engine.
 */
@ProviderType
public interface StreamContext {
    /** @return the id of the run, to put in messages */
    String runId();

    /** @return the stream being read or written */
    StreamId stream();

    /**
     * Cooperative stop: long loops inside a plugin (paging, retries) check this and return early.
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

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
     * The name under which a change-capture reader keeps its state at the source (PostgreSQL: the replication slot
     * and publication): stable for one stream of one pipeline across runs and restarts, unique on a server, at most
     * 48 characters of {@code [a-z0-9_]}, starting with {@code arus_}.
     *
     * @return the name
     * @throws UnsupportedOperationException when the context is not a pipeline's run (a preview, a test)
     */
    default String changeFeed() {
        throw new UnsupportedOperationException(stream() + ": not read by a pipeline, so there is no change feed");
    }

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

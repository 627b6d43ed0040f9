package io.arus.api.connector;

import java.util.Locale;

/**
 * A failure inside a connector, classified so that the engine knows what to do: retry a lost connection, put the
 * rows of a data error into dead letters, stop a stream on an incompatible schema change.
 */
public class ConnectorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Kind {
        /** The configuration cannot work (unknown database, bad option). Not retried. */
        CONFIGURATION,
        /** The system could not be reached or the connection dropped. Retried with backoff; the run resumes. */
        CONNECTION,
        /** Credentials were refused. Not retried. */
        AUTHENTICATION,
        /** One or more rows were refused (too long, NOT NULL, bad date). The engine isolates them into dead letters. */
        DATA,
        /** The source or target schema changed incompatibly. The stream stops with this message. */
        SCHEMA,
        /** The connector cannot do what was asked (not a destination, no CDC). */
        UNSUPPORTED,
        /** Anything else: a bug or an unexpected answer. */
        INTERNAL;

        /** @return the lower-case name used in JSON */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    /**
     * @param kind    what kind of failure
     * @param message what happened, for a user (never a secret)
     */
    public ConnectorException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /**
     * @param kind    what kind of failure
     * @param message what happened, for a user (never a secret)
     * @param cause   the underlying exception
     */
    public ConnectorException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** @return what kind of failure */
    public Kind kind() {
        return kind;
    }

    /** @return whether trying again later may succeed */
    public boolean isRetryable() {
        return kind == Kind.CONNECTION;
    }
}

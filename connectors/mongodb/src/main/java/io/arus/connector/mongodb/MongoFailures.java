package io.arus.connector.mongodb;

import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import java.util.Set;

/**
 * Classifies driver exceptions for the engine: an unreachable or failing-over server is a connection failure (the
 * run is retried and resumes), refused credentials or missing privileges are not retried, the rest is internal.
 * Driver messages name hosts and users but never passwords, so they are passed on.
 */
final class MongoFailures {
    /** Unauthorized, AuthenticationFailed. */
    private static final Set<Integer> AUTHENTICATION_CODES = Set.of(13, 18);
    /** HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, InterruptedAtShutdown, PrimarySteppedDown... */
    private static final Set<Integer> CONNECTION_CODES = Set.of(6, 7, 89, 91, 11600, 11602, 189, 10107, 13435, 13436);

    private MongoFailures() {
    }

    /**
     * @param doing what was being done, e.g. {@code "reading shop.orders"}
     * @param e     the driver's exception
     * @return the classified failure
     */
    static ConnectorException wrap(String doing, MongoException e) {
        return new ConnectorException(kind(e), doing + ": " + e.getMessage(), e);
    }

    static Kind kind(MongoException e) {
        if (e instanceof MongoSecurityException || AUTHENTICATION_CODES.contains(e.getCode())) {
            return Kind.AUTHENTICATION;
        }
        if (e instanceof MongoTimeoutException || e instanceof MongoSocketException || e instanceof MongoInterruptedException
                || e instanceof MongoNotPrimaryException || e instanceof MongoNodeIsRecoveringException
                || (e instanceof MongoServerException && CONNECTION_CODES.contains(e.getCode()))) {
            return Kind.CONNECTION;
        }
        return Kind.INTERNAL;
    }
}

package io.arus.connector.clickhouse;

import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies what the client threw, so the engine knows whether to retry (server unreachable, overloaded), stop
 * (credentials, unknown database, changed table) or isolate rows into dead letters (a value the server refused).
 * Server error codes are ClickHouse's {@code ErrorCodes}; the password never appears in a message.
 */
final class ServerFailures {
    private static final Set<Integer> AUTHENTICATION = Set.of(192, 193, 194, 195, 497, 516);
    private static final Set<Integer> CONFIGURATION = Set.of(81);
    /** Parse and conversion errors of inserted values: the rows are at fault, not the table. */
    private static final Set<Integer> DATA = Set.of(6, 27, 38, 41, 53, 69, 70, 72, 349, 407);
    /** Table or column gone or changed behind the writer's back. */
    private static final Set<Integer> SCHEMA = Set.of(16, 47, 60);
    /** Timeouts, network, overload, too many parts, read-only replica: worth another try later. */
    private static final Set<Integer> TRANSIENT = Set.of(159, 164, 202, 209, 210, 241, 242, 252, 319, 425);
    private static final Pattern SERVER_TEXT = Pattern.compile(
            "(?s).*?(?:e\\.displayText\\(\\) = )?DB::Exception: (.*?)(?:, e\\.what\\(\\) = DB::Exception)?\\s*$");

    private static final Pattern CODE = Pattern.compile("\\s*Code: (\\d+)");

    private ServerFailures() {
    }

    /**
     * @param what     what was being done, e.g. {@code "creating arus_test.orders"}
     * @param failure  what the client threw
     * @param settings the connection, to name it and to keep its password out of the message
     * @return the classified failure
     */
    static ConnectorException wrap(String what, Throwable failure, ClickHouseSettings settings) {
        Throwable cause = unwrap(failure);
        Kind kind;
        String detail;
        if (cause instanceof ServerException server) {
            // an HTTP error without a ClickHouse error code: old servers answer a refused login with a bare 401
            int http = server.getTransportProtocolCode();
            kind = server.getCode() > 0 ? classify(server.getCode())
                    : http == 401 || http == 403 ? Kind.AUTHENTICATION : http == 503 ? Kind.CONNECTION : Kind.INTERNAL;
            String text = serverText(server.getMessage());
            if (text.startsWith("<Unreadable error message>")) {
                text = "HTTP " + http;
            }
            detail = kind == Kind.AUTHENTICATION
                    ? "ClickHouse at " + settings.address() + " refused user " + settings.username()
                            + " (check the user name and password): " + text
                    : server.getCode() > 0 ? "code " + server.getCode() + ": " + text : text;
        } else if (cause instanceof ConnectionInitiationException || cause instanceof IOException
                || cause instanceof TimeoutException || cause.getCause() instanceof IOException) {
            kind = Kind.CONNECTION;
            detail = "cannot reach ClickHouse at " + settings.address() + " over HTTP"
                    + (settings.tls() ? "S" : "") + ": " + describe(cause);
        } else {
            kind = Kind.INTERNAL;
            detail = describe(cause);
        }
        String message = what + ": " + detail;
        if (!settings.password().isEmpty()) {
            message = message.replace(settings.password(), "******");
        }
        return new ConnectorException(kind, message, failure);
    }

    /**
     * A refusal read from the HTTP answer itself. ClickHouse before 19.x sends no {@code X-ClickHouse-Exception-Code}
     * header, and without it the client reads no error at all ("HTTP 404"): the body says
     * {@code Code: 60, e.displayText() = DB::Exception: Table x.y doesn't exist., e.what() = DB::Exception}.
     *
     * @param what     what was being done
     * @param status   the HTTP status
     * @param body     the answer's body
     * @param settings the connection
     * @return the classified failure, in ClickHouse's own words
     */
    static ConnectorException refused(String what, int status, String body, ClickHouseSettings settings) {
        int code = code(body);
        Kind kind = code > 0 ? classify(code)
                : status == 401 || status == 403 ? Kind.AUTHENTICATION : status == 503 ? Kind.CONNECTION : Kind.INTERNAL;
        String text = body == null || body.isBlank() ? "HTTP " + status : serverText(body);
        String detail = kind == Kind.AUTHENTICATION
                ? "ClickHouse at " + settings.address() + " refused user " + settings.username()
                        + " (check the user name and password): " + text
                : code > 0 ? "code " + code + ": " + text : text;
        String message = what + ": " + detail;
        if (!settings.password().isEmpty()) {
            message = message.replace(settings.password(), "******");
        }
        return new ConnectorException(kind, message);
    }

    /** @return the {@code Code: N} at the start of a ClickHouse error text, or 0 */
    static int code(String body) {
        Matcher m = CODE.matcher(body == null ? "" : body);
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
    }

    static Kind classify(int code) {
        if (AUTHENTICATION.contains(code)) {
            return Kind.AUTHENTICATION;
        }
        if (CONFIGURATION.contains(code)) {
            return Kind.CONFIGURATION;
        }
        if (DATA.contains(code)) {
            return Kind.DATA;
        }
        if (SCHEMA.contains(code)) {
            return Kind.SCHEMA;
        }
        return TRANSIENT.contains(code) ? Kind.CONNECTION : Kind.INTERNAL;
    }

    /** Keeps the server's own sentence out of the {@code Code: 60, e.displayText() = DB::Exception: ...} wrapping. */
    static String serverText(String message) {
        if (message == null) {
            return "(no message)";
        }
        Matcher m = SERVER_TEXT.matcher(message.trim());
        return m.matches() ? m.group(1).trim() : message.trim();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        Throwable inner = cause.getCause();
        if (inner != null && inner.getMessage() != null && (message == null || !message.contains(inner.getMessage()))) {
            message = (message == null ? "" : message + ": ") + inner.getMessage();
        }
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}

package io.arus.connector.jdbc.internal;

import io.arus.api.connector.ConnectorException.Kind;
import io.arus.connector.jdbc.ConnectionSettings;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.SqlFailures;
import java.sql.SQLException;

/**
 * Says in words why a connection could not be opened: the host is unreachable, the credentials were refused, or
 * the database does not exist. The password never appears, even if a driver were to echo it.
 */
final class ConnectFailure {
    private ConnectFailure() {
    }

    static Kind kind(Dialect dialect, SQLException e) {
        if (dialect.isUnknownDatabase(e)) {
            return Kind.CONFIGURATION;
        }
        Kind kind = dialect.classify(e);
        return kind == Kind.INTERNAL || kind == Kind.SCHEMA ? Kind.CONNECTION : kind;
    }

    static String describe(Dialect dialect, ConnectionSettings settings, SQLException e) {
        String message;
        if (dialect.isUnknownDatabase(e)) {
            message = "database " + settings.database() + " does not exist on " + dialect.productName() + " at "
                    + settings.address();
        } else {
            message = switch (dialect.classify(e)) {
                case AUTHENTICATION -> "authentication failed for user " + settings.username() + " at "
                        + settings.address() + " (check the user name and password)";
                case CONNECTION -> "cannot reach " + dialect.productName() + " at " + settings.address()
                        + " (is the server running and the port open?): " + SqlFailures.describe(e);
                default -> "cannot connect to " + dialect.productName() + " at " + settings.address() + "/"
                        + settings.database() + ": " + SqlFailures.describe(e);
            };
        }
        return scrub(message, settings.password());
    }

    private static String scrub(String message, String password) {
        return password.isEmpty() ? message : message.replace(password, "******");
    }
}

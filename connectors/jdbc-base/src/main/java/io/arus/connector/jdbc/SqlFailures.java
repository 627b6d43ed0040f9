package io.arus.connector.jdbc;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import java.io.IOException;
import java.sql.SQLException;

/**
 * Classifies driver exceptions by SQLState class, the one signal that means the same on every database: class 08 is
 * a lost connection, 28 refused credentials, 22 and 23 a row the table refuses (too long, NOT NULL, bad date,
 * overflow, duplicate), 42 a schema problem.
 */
public final class SqlFailures {
    private SqlFailures() {
    }

    /**
     * @param e a driver exception
     * @return what kind of failure its SQLState (or, without one, its cause) says it is
     */
    public static Kind kindOf(SQLException e) {
        String state = sqlState(e);
        if (state == null || state.length() < 2) {
            return hasIoCause(e) ? Kind.CONNECTION : Kind.INTERNAL;
        }
        return switch (state.substring(0, 2)) {
            case "08", "40", "53", "57" -> Kind.CONNECTION; // lost link, deadlock/serialization, resources, shutdown
            case "28" -> Kind.AUTHENTICATION;
            case "22", "23" -> Kind.DATA;
            case "42", "2B" -> Kind.SCHEMA;
            case "3D" -> Kind.CONFIGURATION;
            case "0A" -> Kind.UNSUPPORTED;
            default -> hasIoCause(e) ? Kind.CONNECTION : Kind.INTERNAL;
        };
    }

    /**
     * @param e a driver exception, possibly a batch exception chaining the real cause
     * @return the first SQLState found along the chain, or null
     */
    public static String sqlState(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current.getSQLState() != null) {
                return current.getSQLState();
            }
            if (current.getCause() instanceof SQLException cause && cause.getSQLState() != null) {
                return cause.getSQLState();
            }
        }
        return null;
    }

    /**
     * @param dialect the dialect that classifies
     * @param what    what was being done, e.g. {@code "writing public.orders"}
     * @param e       the driver exception
     * @return a connector exception of the dialect's kind whose message says what failed and why
     */
    public static ConnectorException wrap(Dialect dialect, String what, SQLException e) {
        return new ConnectorException(dialect.classify(e), what + ": " + describe(e), e);
    }

    /**
     * @param what what was being done
     * @param e    an I/O failure of the connection
     * @return a CONNECTION connector exception
     */
    public static ConnectorException wrap(String what, IOException e) {
        return new ConnectorException(Kind.CONNECTION, what + ": " + e.getMessage(), e);
    }

    /**
     * @param e a driver exception
     * @return its message and those it chains (batch exceptions hide the real cause there), on one line
     */
    public static String describe(SQLException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        SQLException next = e.getNextException();
        if (next != null && next != e && next.getMessage() != null && !text.toString().contains(next.getMessage())) {
            text.append(" (").append(next.getMessage()).append(')');
        }
        return text.toString().replace('\n', ' ').trim();
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable current = e; current != null; current = current.getCause()) {
            if (current instanceof IOException) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }
}

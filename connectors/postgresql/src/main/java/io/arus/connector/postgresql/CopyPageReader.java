package io.arus.connector.postgresql;

import io.arus.connector.jdbc.BulkReader;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.QueryParameter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads keyset pages with {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} and decodes the rows itself. The
 * server sends COPY rows faster than the rows of a query (no per-row protocol overhead), and decoding straight from
 * the message spares the driver's per-value arrays, calendars and big integers: on the 1,000,000-row bench table
 * the pages arrive in about a third less time, with a quarter less CPU, than through a result set.
 *
 * <p>COPY takes no parameters, so each value is first handed to the session with a bound
 * {@code set_config('arus.pN', CAST(? AS type)::text, false)} (PostgreSQL renders it in its own text form) and the
 * query reads it back as {@code current_setting('arus.pN')::type}, a stable expression the planner uses as an index
 * bound like a parameter. No value is ever written into SQL text.
 */
final class CopyPageReader implements BulkReader {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final BinaryValueDecoder[] decoders;

    private CopyPageReader(BinaryValueDecoder[] decoders) {
        this.decoders = decoders;
    }

    /** @return a reader for these columns, or null when one of them has no binary decoder */
    static CopyPageReader of(List<NativeType> columns) {
        BinaryValueDecoder[] decoders = new BinaryValueDecoder[columns.size()];
        for (int i = 0; i < decoders.length; i++) {
            NativeType type = columns.get(i);
            decoders[i] = type.arrayDims() == 0 ? BinaryValueDecoder.forType(type.name()) : null;
            if (decoders[i] == null) {
                return null;
            }
        }
        return new CopyPageReader(decoders);
    }

    @Override
    public String placeholder(int index, NativeType type) {
        return "current_setting('arus.p" + index + "')::" + type.text();
    }

    @Override
    public void read(Connection connection, String sql, List<QueryParameter> parameters, Consumer<Object[]> rows)
            throws SQLException {
        if (!parameters.isEmpty()) {
            setParameters(connection, parameters);
        }
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + sql + ") TO STDOUT (FORMAT binary)");
        try {
            new Parser(copy).rows(rows);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void setParameters(Connection connection, List<QueryParameter> parameters) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < parameters.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("set_config('arus.p").append(i).append("', CAST(? AS ")
                    .append(parameters.get(i).type().text()).append(")::text, false)");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                QueryParameter parameter = parameters.get(i);
                if (parameter.value() == null) {
                    // a setting cannot hold NULL; the reader never bounds a page by one (keys are never NULL)
                    throw new SQLException("a NULL keyset bound cannot be passed to COPY", "22004");
                }
                parameter.binder().bind(statement, i + 1, parameter.value());
            }
            try (ResultSet ignored = statement.executeQuery()) {
                // the settings are made; nothing to read
            }
        }
    }

    @Override
    public void cancel(Connection connection) throws SQLException {
        connection.unwrap(PGConnection.class).cancelQuery();
    }

    /** Walks the COPY stream: a header, rows of (count, then length and bytes per field), a -1 trailer. */
    private final class Parser {
        private final CopyOut copy;
        private byte[] buffer = new byte[0];
        private int position;

        Parser(CopyOut copy) {
            this.copy = copy;
        }

        void rows(Consumer<Object[]> rows) throws SQLException {
            need(SIGNATURE.length + 8);
            for (int i = 0; i < SIGNATURE.length; i++) {
                if (buffer[position + i] != SIGNATURE[i]) {
                    throw new SQLException("COPY output does not start with the binary signature", "08P01");
                }
            }
            position += SIGNATURE.length + 4;
            int extension = BinaryValueDecoder.int32(buffer, position);
            position += 4;
            need(extension);
            position += extension;
            while (true) {
                need(2);
                int fields = BinaryValueDecoder.int16(buffer, position);
                position += 2;
                if (fields == -1) {
                    while (copy.readFromCopy() != null) {
                        // drain to the end of the command so the connection is ready for the next one
                    }
                    return;
                }
                if (fields != decoders.length) {
                    throw new SQLException("COPY sent " + fields + " fields, " + decoders.length + " expected", "08P01");
                }
                Object[] row = new Object[fields];
                for (int i = 0; i < fields; i++) {
                    need(4);
                    int length = BinaryValueDecoder.int32(buffer, position);
                    position += 4;
                    if (length >= 0) {
                        need(length);
                        row[i] = decoders[i].decode(buffer, position, length);
                        position += length;
                    }
                }
                rows.accept(row);
            }
        }

        /** Makes sure {@code count} bytes are available from {@code position}, joining messages if a value spans them. */
        private void need(int count) throws SQLException {
            while (buffer.length - position < count) {
                byte[] next = copy.readFromCopy();
                if (next == null) {
                    throw new SQLException("COPY output ended in the middle of a row", "08P01");
                }
                int left = buffer.length - position;
                if (left == 0) {
                    buffer = next;
                } else {
                    byte[] joined = new byte[left + next.length];
                    System.arraycopy(buffer, position, joined, 0, left);
                    System.arraycopy(next, 0, joined, left, next.length);
                    buffer = joined;
                }
                position = 0;
            }
        }
    }
}

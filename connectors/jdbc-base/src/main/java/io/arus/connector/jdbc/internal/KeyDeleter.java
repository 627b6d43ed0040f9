package io.arus.connector.jdbc.internal;

import io.arus.api.connector.StreamId;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.Dialect;
import io.arus.connector.jdbc.ValueBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Deletes rows by primary key, many keys per statement: {@code WHERE (a, b) IN ((?, ?), ...)}. */
final class KeyDeleter {
    private static final int KEYS_PER_STATEMENT = 500;

    private final Dialect dialect;
    private final List<String> primaryKey;
    private final ValueBinder[] binders;

    KeyDeleter(Dialect dialect, Schema schema, List<String> primaryKey) {
        this.dialect = dialect;
        this.primaryKey = primaryKey;
        this.binders = new ValueBinder[primaryKey.size()];
        for (int i = 0; i < binders.length; i++) {
            binders[i] = dialect.binder(schema.field(schema.indexOf(primaryKey.get(i)).orElseThrow()).type());
        }
    }

    void delete(Connection connection, StreamId table, List<Object[]> keys) throws SQLException {
        for (int from = 0; from < keys.size(); from += KEYS_PER_STATEMENT) {
            List<Object[]> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_STATEMENT));
            try (PreparedStatement statement = connection.prepareStatement(sql(table, chunk.size()))) {
                int index = 1;
                for (Object[] key : chunk) {
                    for (int i = 0; i < binders.length; i++) {
                        binders[i].bind(statement, index++, key[i]);
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    /**
     * Deletes each key only where the row's position column is NULL or not newer than the delete's position, one
     * statement per key (each has its own position): {@code WHERE a = ? AND b = ? AND (pos IS NULL OR pos <= ?)}.
     *
     * @param positionColumn the column holding each row's log position
     * @param positions      the position of each delete, in the order of {@code keys}
     */
    void deleteAsOf(Connection connection, StreamId table, List<Object[]> keys, String positionColumn,
                    long[] positions) throws SQLException {
        if (positions.length != keys.size()) {
            throw new IllegalArgumentException(keys.size() + " keys but " + positions.length + " positions");
        }
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(dialect.qualify(table.namespace(), table.name()))
                .append(" WHERE ");
        for (String column : primaryKey) {
            sql.append(dialect.quote(column)).append(" = ? AND ");
        }
        String position = dialect.quote(positionColumn);
        sql.append('(').append(position).append(" IS NULL OR ").append(position).append(" <= ?)");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int row = 0; row < keys.size(); row++) {
                Object[] key = keys.get(row);
                for (int i = 0; i < binders.length; i++) {
                    binders[i].bind(statement, i + 1, key[i]);
                }
                statement.setLong(binders.length + 1, positions[row]);
                statement.addBatch();
                if ((row + 1) % KEYS_PER_STATEMENT == 0) {
                    statement.executeBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private String sql(StreamId table, int count) {
        StringBuilder columns = new StringBuilder();
        StringBuilder tuple = new StringBuilder();
        for (int i = 0; i < primaryKey.size(); i++) {
            columns.append(i == 0 ? "" : ", ").append(dialect.quote(primaryKey.get(i)));
            tuple.append(i == 0 ? "?" : ", ?");
        }
        boolean single = primaryKey.size() == 1;
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(dialect.qualify(table.namespace(), table.name()))
                .append(" WHERE ").append(single ? columns : "(" + columns + ")").append(" IN (");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(single ? tuple : "(" + tuple + ")");
        }
        return sql.append(')').toString();
    }
}

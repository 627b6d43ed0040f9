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

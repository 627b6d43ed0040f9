package io.arus.connector.jdbc.internal;

import io.arus.connector.jdbc.ValueBinder;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Parameter values collected while a statement's SQL is built, bound in the same order afterwards. */
final class SqlParams {
    private final List<Object> values = new ArrayList<>();
    private final List<ValueBinder> binders = new ArrayList<>();

    void add(Object value, ValueBinder binder) {
        values.add(value);
        binders.add(binder);
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            binders.get(i).bind(statement, i + 1, values.get(i));
        }
    }
}

package io.arus.connector.jdbc.internal;

import io.arus.connector.jdbc.BulkReader;
import io.arus.connector.jdbc.NativeType;
import io.arus.connector.jdbc.QueryParameter;
import io.arus.connector.jdbc.ValueBinder;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter values collected while a statement's SQL is built, bound in the same order afterwards. Each value is
 * written into the SQL as {@code ?}, or as a {@link BulkReader}'s placeholder when the query runs through one.
 */
final class SqlParams {
    private final BulkReader bulk;
    private final List<QueryParameter> parameters = new ArrayList<>();

    SqlParams() {
        this(null);
    }

    SqlParams(BulkReader bulk) {
        this.bulk = bulk;
    }

    /** @return the placeholder to write into the SQL for this value */
    String add(Object value, ValueBinder binder, NativeType type) {
        parameters.add(new QueryParameter(value, binder, type));
        return bulk == null ? "?" : bulk.placeholder(parameters.size() - 1, type);
    }

    List<QueryParameter> parameters() {
        return parameters;
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            QueryParameter parameter = parameters.get(i);
            parameter.binder().bind(statement, i + 1, parameter.value());
        }
    }
}

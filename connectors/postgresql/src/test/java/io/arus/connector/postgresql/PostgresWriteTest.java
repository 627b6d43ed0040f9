package io.arus.connector.postgresql;

import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.WriterContract;
import java.util.List;

/** The writer contract against the test PostgreSQL. */
class PostgresWriteTest extends WriterContract {
    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return new PgFixture();
    }

    @Override
    protected String product() {
        return "PostgreSQL";
    }

    @Override
    protected String concat(String... expressions) {
        return String.join(" || ", expressions);
    }

    @Override
    protected String text(String expression) {
        return expression + "::text";
    }

    @Override
    protected String tablesLike(String pattern) {
        return "SELECT tablename FROM pg_tables WHERE schemaname = '" + db.schema + "' AND tablename LIKE '"
                + pattern + "'";
    }

    @Override
    protected String columnTypes(String table) {
        return "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + db.q(table)
                + "'::regclass AND attnum > 0 ORDER BY attnum";
    }

    @Override
    protected List<String> driftedColumnTypes() {
        return List.of("bigint", "text", "numeric(20,2)", "timestamp with time zone");
    }

    @Override
    protected String jsonMember(String column, String member) {
        return column + " ->> '" + member + "'";
    }
}

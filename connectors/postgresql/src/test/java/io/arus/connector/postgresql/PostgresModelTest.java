package io.arus.connector.postgresql;

import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.ModelContract;

/** The SQL model contract against the test PostgreSQL. */
class PostgresModelTest extends ModelContract {
    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return new PgFixture();
    }

    @Override
    protected String tablesLike(String pattern) {
        return "SELECT tablename FROM pg_tables WHERE schemaname = '" + db.schema + "' AND tablename LIKE '"
                + pattern + "'";
    }
}

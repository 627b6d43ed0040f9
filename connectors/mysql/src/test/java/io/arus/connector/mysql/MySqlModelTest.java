package io.arus.connector.mysql;

import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.ModelContract;

/** The SQL model contract against the test MariaDB. */
class MySqlModelTest extends ModelContract {
    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return new MyFixture();
    }

    @Override
    protected String tablesLike(String pattern) {
        return "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db.schema + "'"
                + " AND TABLE_NAME LIKE '" + pattern + "'";
    }
}

package io.arus.connector.mysql;

import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.WriterContract;
import java.util.List;

/** The writer contract against the test MariaDB. */
class MySqlWriteTest extends WriterContract {
    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return new MyFixture();
    }

    @Override
    protected String product() {
        return "MariaDB";
    }

    @Override
    protected String concat(String... expressions) {
        return "CONCAT(" + String.join(", ", expressions) + ")";
    }

    @Override
    protected String text(String expression) {
        return "CAST(" + expression + " AS CHAR)";
    }

    @Override
    protected String tablesLike(String pattern) {
        return "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db.schema + "'"
                + " AND TABLE_NAME LIKE '" + pattern + "'";
    }

    @Override
    protected String columnTypes(String table) {
        return "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db.schema
                + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION";
    }

    @Override
    protected List<String> driftedColumnTypes() {
        return List.of("bigint(20)", "longtext", "decimal(20,2)", "timestamp(6)");
    }

    @Override
    protected String jsonMember(String column, String member) {
        return "JSON_VALUE(" + column + ", '$." + member + "')";
    }
}

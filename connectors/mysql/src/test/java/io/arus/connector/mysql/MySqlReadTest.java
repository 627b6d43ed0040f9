package io.arus.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.ReaderContract;
import java.util.List;
import java.util.Map;

/** The reader contract against the test MariaDB. */
class MySqlReadTest extends ReaderContract {
    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return MyFixture.inZone("+00:00");
    }

    @Override
    protected String[] tenThousandRowsAtOneInstant(String table) {
        return new String[] {"CREATE TABLE " + table + " (id bigint PRIMARY KEY, updated_at timestamp(6) NOT NULL, v text)",
                "INSERT INTO " + table + " SELECT seq, '2024-01-01 00:00:00', CONCAT('row ', seq) FROM seq_1_to_10000"};
    }

    @Override
    protected String[] compositeKeyRows(String table) {
        return new String[] {"CREATE TABLE " + table + " (a int, b varchar(20), v int, PRIMARY KEY (a, b))",
                "INSERT INTO " + table + " SELECT seq % 7, CONCAT('k', seq), seq FROM seq_1_to_2500"};
    }

    @Override
    protected String ordersTable(String table) {
        return "CREATE TABLE " + table + " (id int PRIMARY KEY, status text, updated_at timestamp(6) NULL)";
    }

    @Override
    protected String now() {
        return "now(6)";
    }

    @Override
    protected String anHourAgo() {
        return "now(6) - INTERVAL 1 HOUR";
    }

    @Override
    protected String clock() {
        return "now(6)";
    }

    @Override
    protected String[] rowsAMinuteApart(String table) {
        return new String[] {"CREATE TABLE " + table + " (id int PRIMARY KEY, updated_at datetime)",
                "INSERT INTO " + table + " SELECT seq, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq MINUTE"
                        + " FROM seq_1_to_100"};
    }

    @Override
    protected String[] unkeyedRowsTenPerDate(String table) {
        return new String[] {"CREATE TABLE " + table + " (v int, updated_at date)",
                "INSERT INTO " + table + " SELECT seq, DATE '2024-01-01' + INTERVAL (seq DIV 10) DAY FROM seq_1_to_95"};
    }

    @Override
    protected String[] skewedKeys(String table) {
        return new String[] {"CREATE TABLE " + table + " (id bigint PRIMARY KEY, v text)",
                "INSERT INTO " + table + " SELECT seq, CONCAT('low ', seq) FROM seq_1_to_20000",
                "INSERT INTO " + table + " SELECT 1000000000 + seq, CONCAT('high ', seq) FROM seq_1_to_20000",
                analyze(table)};
    }

    @Override
    protected String analyze(String table) {
        return "ANALYZE TABLE " + table;
    }

    @Override
    protected String[] customersAndAView(String table, String view) {
        return new String[] {"CREATE TABLE " + table + " (tenant int, id bigint, name varchar(40) NOT NULL,"
                        + " created_at timestamp(6) NULL, updated_at timestamp(6) NULL, birthday date,"
                        + " PRIMARY KEY (tenant, id))",
                "CREATE VIEW " + view + " AS SELECT id, name FROM " + table,
                "INSERT INTO " + table + " SELECT 1, seq, 'n', now(), now(), null FROM seq_1_to_50",
                "ANALYZE TABLE " + table};
    }

    @Override
    protected void assertEstimateOfFiftyRows(long estimate) {
        assertThat(estimate).isPositive(); // InnoDB's TABLE_ROWS is a sampled estimate
    }

    @Override
    protected String varchar40() {
        return "varchar(40)";
    }

    @Override
    protected boolean isSystemNamespace(String namespace) {
        return List.of("mysql", "information_schema", "performance_schema", "sys").contains(namespace);
    }

    @Override
    protected String serverVersionPattern() {
        return "MariaDB \\d+\\.\\d+\\.\\d+";
    }

    @Override
    protected Map<String, Object> refusedLogin(String password) {
        return Map.of("password", password);
    }

    @Override
    protected String refusedLoginMessage() {
        return "authentication failed for user arus";
    }

    @Override
    protected String unreachableMessage() {
        return "cannot reach MySQL/MariaDB at 127.0.0.1:1";
    }
}

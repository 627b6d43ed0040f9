package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL and MariaDB into the real ClickHouse test server (scripts/test-services.sh): a full refresh, then
 * incremental upserts where every batch is delivered a second time (the stored offsets are dropped, so the next run
 * reads the whole table again): the ReplacingMergeTree collapses them and {@code count() FINAL} equals the source.
 */
class ClickHouseTest {
    static ArusServer server;
    static String clickhouse;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        clickhouse = DatabasePipelineTest.create("/api/destinations", "clickhouse", clickhouseConfig());
    }

    static Map<String, Object> clickhouseConfig() {
        return new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", 8123, "database", "default", "username", "default"));
    }

    @Test
    void postgresToClickHouseFullRefreshThenIncrementalUpsertsWithEveryBatchDeliveredTwice() throws Exception {
        String schema = "ch_src_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".customers (id bigint PRIMARY KEY,"
                + " name varchar(100) NOT NULL, email text, balance numeric(12,2), updated_at timestamptz(6) NOT NULL,"
                + " note text); INSERT INTO " + schema + ".customers SELECT g, 'Customer ' || g || ' ✓', 'c' || g || '@example.com',"
                + " (g * 37 % 100000) / 100.0, timestamptz '2024-03-01 00:00:00+00' + g * interval '1 second',"
                + " CASE WHEN g % 10 = 0 THEN NULL ELSE 'note ' || g END FROM generate_series(1, 20000) g;");
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "ch_pg_" + shortId();

        String full = pipeline(source, schema + ".customers", target, "full_refresh");
        assertSucceeded(run(full));
        assertThat(clickhouseSummary(target)).isEqualTo(pgSummary(schema));

        String incremental = pipeline(source, schema + ".customers", target + "_inc", "incremental");
        assertSucceeded(run(incremental));
        Sql.postgres("arus_test", "UPDATE " + schema + ".customers SET name = name || ' (updated)', balance = balance + 1,"
                + " updated_at = now() WHERE id % 7 = 0; INSERT INTO " + schema + ".customers SELECT g, 'New ' || g, NULL, 2.5,"
                + " now(), NULL FROM generate_series(20001, 20500) g;");
        // the next run reads everything again: every batch reaches ClickHouse a second time
        assertThat(server.send("DELETE", "/api/pipelines/" + incremental + "/state", null, server.adminToken()).statusCode())
                .isEqualTo(204);
        JsonNode second = run(incremental);
        assertSucceeded(second);
        assertThat(second.path("streams").get(0).path("rows_written").asLong()).isEqualTo(20_500);
        assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "_inc`.`customers` FINAL"))
                .isEqualTo(Sql.postgres("arus_test", "SELECT count(*) FROM " + schema + ".customers")).isEqualTo("20500");
        assertThat(clickhouseSummary(target + "_inc")).isEqualTo(pgSummary(schema));
        assertThat(second.path("streams").get(0).path("checks").toString()).contains("source 20500 rows, destination 20500");
        Sql.postgres("arus_test", "DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void rowsClickHouseCannotStoreGoToDeadLettersWhileTheOthersLandInLargeFlushes() throws Exception {
        String schema = "ch_dead_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".people (id bigint PRIMARY KEY,"
                + " name text NOT NULL, born_at timestamptz, updated_at timestamptz NOT NULL); INSERT INTO " + schema
                + ".people SELECT g, 'Person ' || g, CASE WHEN g IN (1234, 2500, 4999) THEN timestamptz '1800-05-01 00:00:00+00'"
                + " ELSE timestamptz '1990-01-01 00:00:00+00' + g * interval '1 day' END,"
                + " timestamptz '2024-03-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, 5000) g;");
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "ch_dead_" + shortId();
        String pipeline = pipeline(source, schema + ".people", target, "incremental");

        JsonNode run = run(pipeline);

        // batches of 2000 rows, but ClickHouse is flushed 1,000,000 rows at a time: refused values are caught as each
        // batch is encoded, so the halving still finds them alone
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded_with_warnings");
        assertThat(server.json("/api/runs/" + run.path("id").asText() + "/logs").toString()).contains("1000000 rows per flush");
        JsonNode stream = run.path("streams").get(0);
        assertThat(stream.path("rows_rejected").asLong()).isEqualTo(3);
        assertThat(stream.path("rows_written").asLong()).isEqualTo(4997);
        JsonNode letters = server.json("/api/dead-letters?run_id=" + run.path("id").asText());
        assertThat(letters).extracting(l -> l.path("values").path("id").asLong()).containsExactlyInAnyOrder(1234L, 2500L, 4999L);
        assertThat(letters).allSatisfy(l -> assertThat(l.path("reason").asText()).contains("born_at").contains("1800"));
        assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "`.`people` FINAL")).isEqualTo("4997");
        assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "`.`people` FINAL WHERE id IN (1234, 2500, 4999)"))
                .isEqualTo("0");
        Sql.postgres("arus_test", "DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void mariadbToClickHouseFullRefreshThenIncrementalUpsertsWithEveryBatchDeliveredTwice() throws Exception {
        String database = "ch_" + shortId();
        Sql.mariadb("arus_test", "CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        Sql.mariadb(database, "CREATE TABLE items (id INT UNSIGNED PRIMARY KEY, label VARCHAR(50) NOT NULL, price DECIMAL(10,3),"
                + " flag TINYINT(1), kind ENUM('a','b','c'), updated_at DATETIME(6) NOT NULL);"
                + " INSERT INTO items SELECT seq, CONCAT('item ', seq), seq / 8, seq % 2, ELT(1 + seq % 3, 'a', 'b', 'c'),"
                + " TIMESTAMP('2024-01-01') + INTERVAL seq MINUTE FROM seq_1_to_15000;");
        String source = DatabasePipelineTest.create("/api/sources", "mariadb", new LinkedHashMap<>(Map.of("host", "127.0.0.1",
                "port", 3306, "database", database, "username", "arus", "password", "arus")));
        String target = "ch_maria_" + shortId();

        String full = pipeline(source, database + ".items", target, "full_refresh");
        assertSucceeded(run(full));
        String mariaSummary = "SELECT CONCAT_WS('|', count(*), sum(id), sum(price), sum(flag), sum(kind = 'b'),"
                + " sum(CHAR_LENGTH(label))) FROM items";
        String clickSummary = "SELECT concat(toString(count()), '|', toString(sum(id)), '|', toString(sum(toDecimal64(price, 3))), '|',"
                + " toString(sum(flag)), '|', toString(countIf(kind = 'b')), '|', toString(sum(lengthUTF8(label))))"
                + " FROM `%s`.`items` FINAL";
        assertThat(Sql.clickhouse(String.format(clickSummary, target))).isEqualTo(Sql.mariadb(database, mariaSummary));

        String incremental = pipeline(source, database + ".items", target + "_inc", "incremental");
        assertSucceeded(run(incremental));
        Sql.mariadb(database, "UPDATE items SET label = CONCAT(label, ' (updated)'), updated_at = NOW(6) WHERE id % 11 = 0;"
                + " INSERT INTO items SELECT seq, 'new', 1.5, 1, 'c', NOW(6) FROM seq_15001_to_15300;");
        assertThat(server.send("DELETE", "/api/pipelines/" + incremental + "/state", null, server.adminToken()).statusCode())
                .isEqualTo(204);
        assertSucceeded(run(incremental));
        assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "_inc`.`items` FINAL")).isEqualTo("15300");
        assertThat(Sql.clickhouse(String.format(clickSummary, target + "_inc"))).isEqualTo(Sql.mariadb(database, mariaSummary));
        Sql.mariadb("arus_test", "DROP DATABASE " + database);
    }

    /** count, sum of ids, sum of balances and total name length: equal only when every row arrived once, as it is. */
    private static String pgSummary(String schema) throws Exception {
        return Sql.postgres("arus_test", "SELECT concat_ws('|', count(*), sum(id), sum(balance), sum(char_length(name)),"
                + " count(note)) FROM " + schema + ".customers");
    }

    private static String clickhouseSummary(String database) throws Exception {
        return Sql.clickhouse("SELECT concat(toString(count()), '|', toString(sum(id)), '|', toString(sum(balance)), '|',"
                + " toString(sum(lengthUTF8(name))), '|', toString(count(note))) FROM `" + database + "`.`customers` FINAL");
    }

    static String pipeline(String source, String stream, String target, String syncMode) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "ch-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", clickhouse);
        body.put("target_namespace", target);
        body.put("batch_size", 2000);
        body.put("streams", List.of(Map.of("name", stream, "sync_mode", syncMode)));
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    static JsonNode run(String pipeline) throws Exception {
        return server.runToEnd(pipeline);
    }

    static void assertSucceeded(JsonNode run) {
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

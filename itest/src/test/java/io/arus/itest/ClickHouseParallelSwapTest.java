package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 14: with several streams swapping their tables at once in one ClickHouse 18.16 database, a
 * {@code system.tables} lookup could fail with code 60 naming another stream's {@code __arus_old} table (2 runs in
 * 10 failed). Forty small tables, four streams at a time, ten full refreshes: every run succeeds.
 */
class ClickHouseParallelSwapTest {
    private static final int TABLES = 40;
    private static final int RUNS = 10;

    @Test
    void tenFullRefreshesOfFortyTablesFourAtATimeAllSucceed() throws Exception {
        ArusServer server = ArusServer.await();
        String destination = DatabasePipelineTest.create("/api/destinations", "clickhouse", ClickHouseTest.clickhouseConfig());
        String schema = "ch_par_" + ClickHouseTest.shortId();
        StringBuilder ddl = new StringBuilder("CREATE SCHEMA " + schema + ";");
        List<Map<String, Object>> streams = new ArrayList<>();
        for (int t = 1; t <= TABLES; t++) {
            ddl.append(" CREATE TABLE ").append(schema).append(".t").append(t)
                    .append(" (id bigint PRIMARY KEY, name text NOT NULL); INSERT INTO ").append(schema).append(".t").append(t)
                    .append(" SELECT g, 'row ' || g FROM generate_series(1, 100) g;");
            streams.add(Map.of("name", schema + ".t" + t, "sync_mode", "full_refresh"));
        }
        Sql.postgres("arus_test", ddl.toString());
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "ch_par_" + ClickHouseTest.shortId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "ch-parallel-" + ClickHouseTest.shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("parallelism", 4);
        body.put("streams", streams);
        HttpResponse<String> created = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String pipeline = ArusServer.JSON.readTree(created.body()).path("id").asText();

        List<String> failures = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            JsonNode result = server.runToEnd(pipeline);
            if (!"succeeded".equals(result.path("status").asText())) {
                failures.add("run " + run + ": " + result);
            }
        }

        assertThat(failures).as("runs that did not succeed").isEmpty();
        assertThat(Sql.clickhouse("SELECT count() FROM system.tables WHERE database = '" + target + "'")).isEqualTo("40");
        assertThat(Sql.clickhouse("SELECT count() FROM system.tables WHERE database = '" + target
                + "' AND (name LIKE '%__arus_old' OR name LIKE '%__arus_staging')")).isEqualTo("0");
        assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "`.`t17`")).isEqualTo("100");
        Sql.postgres("arus_test", "DROP SCHEMA " + schema + " CASCADE");
    }
}

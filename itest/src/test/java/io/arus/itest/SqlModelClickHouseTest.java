package io.arus.itest;

import static io.arus.itest.ModelPipelines.model;
import static io.arus.itest.ModelPipelines.orders;
import static io.arus.itest.ModelPipelines.pipeline;
import static io.arus.itest.ModelPipelines.shortId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * SQL models through the server, PostgreSQL to the real ClickHouse test server (issue 14 must-show): a table model
 * over a stream, a view over that table, an appending incremental model and an incremental model with a unique key
 * over the stream, run twice with new and changed source rows; values equal to the same SQL computed on the source.
 * A broken model fails the run with ClickHouse's message. The run's JSON shows every model's rows, duration and
 * status, and so does {@code arus:status}. Models read the stream's ReplacingMergeTree with {@code FINAL} and without
 * tombstones, as the README says.
 */
@ExtendWith(ServiceExtension.class)
class SqlModelClickHouseTest {
    static ArusServer server;
    static String clickhouse;

    @InjectService
    CommandProcessor processor;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        clickhouse = DatabasePipelineTest.create("/api/destinations", "clickhouse", ClickHouseTest.clickhouseConfig());
    }

    @Test
    void tableViewAndIncrementalModelsOnClickHouseRunTwice() throws Exception {
        String schema = orders("e2e_chmodel_src");
        String target = "e2e_chmodel_" + shortId();
        String stream = "{{ ref('" + schema + ".orders') }} FINAL WHERE _arus_deleted = 0";
        String pipeline = pipeline(server, clickhouse, schema, target, List.of(
                model("totals", "SELECT customer, sum(amount) AS total, count() AS n FROM " + stream
                        + " GROUP BY customer", "table", null),
                model("big_totals", "SELECT customer, total FROM {{ref(\"totals\")}} WHERE total > 115000", "view", null),
                model("totals_log", "SELECT customer, total FROM {{ ref('totals') }}", "incremental", null),
                model("orders_latest", "SELECT id, customer, amount FROM " + stream, "incremental", List.of("id"))));

        JsonNode first = server.runToEnd(pipeline);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(clickhouse("SELECT count() FROM `" + target + "`.`orders_latest`")).isEqualTo("1000");
        // changed rows (a newer version of 200 keys) and 100 new ones
        Sql.postgres("arus_test", "UPDATE " + schema + ".orders SET amount = amount + 1000, updated_at = updated_at"
                + " + interval '1 day' WHERE id % 5 = 0; INSERT INTO " + schema + ".orders SELECT g, 'c' || (g % 7), g,"
                + " timestamptz '2024-03-03 00:00:00+00' + g * interval '1 second' FROM generate_series(1001, 1100) g");
        JsonNode second = server.runToEnd(pipeline);

        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
        String totals = "SELECT string_agg(line, ',' ORDER BY line COLLATE \"C\") FROM (SELECT customer || '|' || sum(amount)"
                + " || '|' || count(*) AS line FROM " + schema + ".orders GROUP BY customer) x";
        assertThat(clickhouse("SELECT arrayStringConcat(arraySort(groupArray(concat(customer, '|', toString(total), '|',"
                + " toString(n)))), ',') FROM `" + target + "`.`totals`")).isEqualTo(Sql.postgres("arus_test", totals));
        String orders = "SELECT concat_ws('|', count(*), count(DISTINCT id), sum(id), sum(amount), sum(id * amount),"
                + " sum(length(customer))) FROM " + schema + ".orders";
        assertThat(clickhouse("SELECT concat(toString(count()), '|', toString(uniqExact(id)), '|', toString(sum(id)), '|',"
                + " toString(sum(amount)), '|', toString(sum(id * amount)), '|', toString(sum(length(customer))))"
                + " FROM `" + target + "`.`orders_latest`")).isEqualTo(Sql.postgres("arus_test", orders));
        assertThat(clickhouse("SELECT count() FROM `" + target + "`.`orders_latest`")).isEqualTo("1100");
        assertThat(clickhouse("SELECT count() FROM `" + target + "`.`totals_log`")).isEqualTo("14");
        assertThat(clickhouse("SELECT arrayStringConcat(arraySort(groupArray(customer)), ',') FROM `" + target
                + "`.`big_totals`")).isEqualTo(Sql.postgres("arus_test", "SELECT string_agg(customer, ',' ORDER BY"
                + " customer COLLATE \"C\") FROM (SELECT customer FROM " + schema + ".orders GROUP BY customer"
                + " HAVING sum(amount) > 115000) x"));
        assertThat(clickhouse("SELECT engine FROM system.tables WHERE database = '" + target + "' AND name = 'big_totals'"))
                .isEqualTo("View");
        assertThat(clickhouse("SELECT count() FROM system.tables WHERE database = '" + target
                + "' AND position(name, '__arus') > 0")).isEqualTo("0");

        JsonNode models = second.path("models");
        assertThat(models).extracting(m -> m.path("name").asText())
                .containsExactly("totals", "big_totals", "totals_log", "orders_latest");
        assertThat(models).extracting(m -> m.path("materialization").asText())
                .containsExactly("table", "view", "incremental", "incremental");
        assertThat(models).allSatisfy(m -> {
            assertThat(m.path("status").asText()).isEqualTo("succeeded");
            assertThat(m.path("duration_ms").isIntegralNumber()).as(m.toString()).isTrue();
            assertThat(m.path("duration_ms").asLong()).isNotNegative();
            assertThat(m.path("error").isNull()).isTrue();
        });
        // the table holds 7 customers, the view is not counted, each incremental run adds or replaces its SELECT's rows
        assertThat(models).extracting(m -> m.path("rows").isNull() ? null : m.path("rows").asLong())
                .containsExactly(7L, null, 7L, 1100L);
        assertThat(models.get(0).path("duration_ms").asLong()).isPositive();
        assertThat(server.json("/api/runs/" + second.path("id").asText()).path("models")).isEqualTo(models);
        assertThat(first.path("models")).hasSize(4);
        dropAll(schema, target);
    }

    @Test
    void aBrokenModelFailsTheRunWithClickHousesMessage() throws Exception {
        String schema = orders("e2e_chmodel_src");
        String target = "e2e_chmodel_bad_" + shortId();
        String pipeline = pipeline(server, clickhouse, schema, target, List.of(
                model("fine", "SELECT count() AS n FROM {{ ref('" + schema + ".orders') }}", "table", null),
                model("broken", "SELECT no_such_column FROM {{ ref('" + schema + ".orders') }}", "table", null),
                model("after", "SELECT 1 AS one", "table", null)));

        JsonNode run = server.runToEnd(pipeline);

        assertThat(run.path("status").asText()).isEqualTo("failed");
        // ClickHouse's own words: code 47 is UNKNOWN_IDENTIFIER on every server version
        assertThat(run.path("error").asText()).contains("model broken failed").contains("code 47")
                .contains("no_such_column");
        JsonNode models = run.path("models");
        assertThat(models).extracting(m -> m.path("name").asText() + " " + m.path("status").asText())
                .containsExactly("fine succeeded", "broken failed", "after skipped");
        assertThat(models.get(0).path("rows").asLong()).isEqualTo(1);
        assertThat(clickhouse("SELECT n FROM `" + target + "`.`fine`")).isEqualTo("1000");
        assertThat(models.get(1).path("error").asText()).contains("code 47").contains("no_such_column");
        assertThat(models.get(1).path("rows").isNull()).isTrue();
        assertThat(models.get(2).path("error").asText()).isEqualTo("an earlier model failed");
        assertThat(models.get(2).path("duration_ms").asLong()).isZero();
        assertThat(clickhouse("SELECT count() FROM `" + target + "`.`orders` FINAL")).isEqualTo("1000");
        try (ShellSession shell = new ShellSession(processor, new ConcurrentSkipListSet<>())) {
            String shown = shell.run("arus:status " + run.path("id").asText());
            assertThat(shown).contains("MODEL").contains("MATERIALIZATION");
            assertThat(shown.lines().filter(line -> line.startsWith("broken ")).findFirst().orElseThrow())
                    .contains("table").contains("failed").contains("code 47").contains("no_such_column");
            assertThat(shown.lines().filter(line -> line.startsWith("after ")).findFirst().orElseThrow())
                    .contains("skipped").contains("an earlier model failed");
            assertThat(shown.lines().filter(line -> line.startsWith("fine ")).findFirst().orElseThrow())
                    .contains("succeeded");
        }
        assertThat(clickhouse("SELECT count() FROM system.tables WHERE database = '" + target
                + "' AND name IN ('broken', 'after')")).isEqualTo("0");
        dropAll(schema, target);
    }

    private static String clickhouse(String sql) throws Exception {
        return Sql.clickhouse(sql);
    }

    private static void dropAll(String schema, String target) throws Exception {
        Sql.postgres("arus_test", "DROP SCHEMA " + schema + " CASCADE");
        Sql.clickhouse("DROP DATABASE IF EXISTS `" + target + "`");
    }

}

package io.arus.itest;

import static io.arus.itest.ModelPipelines.model;
import static io.arus.itest.ModelPipelines.orders;
import static io.arus.itest.ModelPipelines.pipeline;
import static io.arus.itest.ModelPipelines.shortId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL models through the server, PostgreSQL to PostgreSQL (issue 14 must-show): a table model over a stream, a view
 * and incremental models (appended, merged by key) over the first model, run twice, values equal to the same SQL
 * computed on the source; a broken model fails the run with the database's message and skips the models after it.
 */
class SqlModelTest {
    static ArusServer server;
    static String destination;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
    }

    @Test
    void tableViewAndIncrementalModelsOnPostgresqlRunTwice() throws Exception {
        String schema = orders("e2e_model_src");
        String target = "e2e_model_dst_" + shortId();
        String pipeline = pipeline(server, destination, schema, target, List.of(
                model("totals", "SELECT customer, sum(amount) AS total, count(*) AS n FROM {{ ref('" + schema
                        + ".orders') }} GROUP BY customer", "table", null),
                model("big_totals", "SELECT customer, total FROM {{ref(\"totals\")}} WHERE total > 1000", "view", null),
                model("totals_log", "SELECT customer, total FROM {{ ref('totals') }}", "incremental", null),
                model("totals_latest", "SELECT customer, total FROM {{ ref('totals') }}", "incremental",
                        List.of("customer"))));
        String expected = "SELECT md5(string_agg(customer || '|' || s, ',' ORDER BY customer)) FROM (SELECT customer,"
                + " sum(amount) s FROM " + schema + ".orders GROUP BY customer) x";

        JsonNode first = server.runToEnd(pipeline);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        Sql.postgres("arus_test", "INSERT INTO " + schema + ".orders SELECT g, 'c' || (g % 7), g, timestamptz "
                + "'2024-03-02 00:00:00+00' + g * interval '1 second' FROM generate_series(1001, 1100) g");
        JsonNode second = server.runToEnd(pipeline);

        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
        String destinationSum = "SELECT md5(string_agg(customer || '|' || total, ',' ORDER BY customer)) FROM " + target;
        assertThat(Sql.postgres("arus_test", destinationSum + ".totals")).isEqualTo(Sql.postgres("arus_test", expected));
        assertThat(Sql.postgres("arus_test", destinationSum + ".totals_latest")).isEqualTo(Sql.postgres("arus_test", expected));
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".totals_log")).isEqualTo("14");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".big_totals")).isEqualTo(
                Sql.postgres("arus_test", "SELECT count(*) FROM (SELECT customer FROM " + schema
                        + ".orders GROUP BY customer HAVING sum(amount) > 1000) x"));
        assertThat(Sql.postgres("arus_test", "SELECT table_type FROM information_schema.tables WHERE table_schema = '"
                + target + "' AND table_name = 'big_totals'")).isEqualTo("VIEW");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + target + "' AND table_name LIKE '%arus_new'")).isEqualTo("0");
        assertThat(logs(second)).contains("model totals: table built in").contains("model totals_latest: incremental built in");
        JsonNode models = second.path("models");
        assertThat(models).extracting(m -> m.path("name").asText() + " " + m.path("materialization").asText() + " "
                + m.path("status").asText()).containsExactly("totals table succeeded", "big_totals view succeeded",
                "totals_log incremental succeeded", "totals_latest incremental succeeded");
        // 7 customers in the table; a view is not counted; each incremental run added or merged its SELECT's 7 rows
        assertThat(models).extracting(m -> m.path("rows").isNull() ? null : m.path("rows").asLong())
                .containsExactly(7L, null, 7L, 7L);
        assertThat(models).allSatisfy(m -> {
            assertThat(m.path("duration_ms").isIntegralNumber()).as(m.toString()).isTrue();
            assertThat(m.path("duration_ms").asLong()).isNotNegative();
            assertThat(m.path("error").isNull()).isTrue();
        });
        assertThat(first.path("models")).hasSize(4);
        dropSchemas(schema, target);
    }

    @Test
    void aBrokenModelFailsTheRunWithTheDatabasesMessage() throws Exception {
        String schema = orders("e2e_model_src");
        String target = "e2e_model_bad_" + shortId();
        String pipeline = pipeline(server, destination, schema, target, List.of(
                model("broken", "SELECT no_such_column FROM {{ ref('" + schema + ".orders') }}", "table", null),
                model("after", "SELECT 1 AS one", "table", null)));

        JsonNode run = server.runToEnd(pipeline);

        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("model broken failed")
                .contains("column \"no_such_column\" does not exist");
        assertThat(logs(run)).contains("no_such_column").contains("does not exist").contains("model after: skipped");
        JsonNode models = run.path("models");
        assertThat(models).extracting(m -> m.path("name").asText() + " " + m.path("status").asText())
                .containsExactly("broken failed", "after skipped");
        assertThat(models.get(0).path("error").asText()).contains("column \"no_such_column\" does not exist");
        assertThat(models.get(0).path("rows").isNull()).isTrue();
        assertThat(models.get(1).path("error").asText()).isEqualTo("an earlier model failed");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".orders")).isEqualTo("1000");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + target + "' AND table_name = 'after'")).isEqualTo("0");
        dropSchemas(schema, target);
    }

    private static String logs(JsonNode run) throws Exception {
        return server.get("/api/runs/" + run.path("id").asText() + "/logs").body();
    }

    private static void dropSchemas(String... schemas) throws Exception {
        Sql.postgres("arus_test", "DROP SCHEMA " + String.join(" CASCADE; DROP SCHEMA ", schemas) + " CASCADE");
    }

}

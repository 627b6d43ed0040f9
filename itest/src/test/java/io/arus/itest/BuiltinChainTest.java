package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 must-show: PostgreSQL to PostgreSQL on a 100,000-row table through a chain that uses every built-in
 * transform type (python has its own test). The destination's rows equal the same computation written independently in SQL on the source,
 * compared by a checksum over all rows in key order (each value as text, NULL marked).
 */
class BuiltinChainTest {
    private static final int ROWS = 100_000;
    private static final String SALT = "b1-pepper";

    static ArusServer server;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void everyBuiltinTypeInOneChainLandsWhatSqlComputes() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String source = "itest_bchain_src_" + id;
        String target = "itest_bchain_dst_" + id;
        Sql.postgres("arus_test", "CREATE SCHEMA " + source + "; CREATE TABLE " + source + ".people ("
                + " id bigint PRIMARY KEY, full_name text, email text NOT NULL, price_txt text, born_txt text,"
                + " qty int, phone text, card text NOT NULL, attrs jsonb, secret_note text, grp int NOT NULL,"
                + " version int NOT NULL);"
                + " INSERT INTO " + source + ".people SELECT g,"
                + " CASE WHEN g % 50 = 0 THEN NULL ELSE 'First' || g || ' Last' || (g % 97) END,"
                + " 'user' || g || '@Example.COM',"
                + " CASE WHEN g % 13 = 0 THEN NULL ELSE (g * 0.137)::numeric(12,3)::text END,"
                + " to_char(date '2000-01-01' + g % 9000, 'DD.MM.YYYY'),"
                + " CASE WHEN g % 7 = 0 THEN NULL ELSE g % 1000 END,"
                + " '555-' || lpad((g % 10000)::text, 4, '0'),"
                + " lpad((g::bigint * 7919 % 10000000000000000)::text, 16, '0'),"
                + " jsonb_build_object('city', 'C' || g % 100, 'zip', g % 1000),"
                + " 'secret ' || g, g % 60000, " + ROWS + " - g"
                + " FROM generate_series(1, " + ROWS + ") g;");
        try {
            String pipeline = pipeline(source, target, List.of(
                    step("drop", Map.of("columns", List.of("secret_note"))),
                    step("cast", Map.of("columns", Map.of("price_txt", "decimal(12,2)", "born_txt", "date",
                            "qty", "int64"), "formats", Map.of("born_txt", "dd.MM.yyyy"))),
                    step("rename", Map.of("columns", Map.of("full_name", "name", "price_txt", "price",
                            "born_txt", "born"))),
                    step("add_column", Map.of("name", "gross",
                            "expression", "is_null(price) ? null : math:round(price * 1.21, 2)",
                            "type", "decimal(12,2)")),
                    step("filter", Map.of("expression", "id % 10 != 3")),
                    step("replace", Map.of("columns", List.of("phone"), "mode", "regex",
                            "pattern", "^(\\d{3})-(\\d{4})$", "replacement", "($1) $2")),
                    step("replace", Map.of("columns", List.of("email"), "pattern", "@example.com",
                            "replacement", "@example.org", "ignore_case", true)),
                    step("concat", Map.of("columns", List.of("name", "phone"), "separator", " | ",
                            "into", "contact")),
                    step("split", Map.of("column", "name", "separator", " ",
                            "into", List.of("first_name", "last_name"))),
                    step("hash", Map.of("columns", List.of("email"), "salt", SALT)),
                    step("mask", Map.of("columns", List.of("card"), "keep_last", 4)),
                    step("dedupe", Map.of("key", List.of("grp"), "order_by", "version")),
                    step("flatten", Map.of("column", "attrs", "fields", Map.of("city", "$.city", "zip", "$.zip:int32"),
                            "drop_source", true)),
                    step("select", Map.of("columns", List.of("id", "first_name", "last_name", "email", "price",
                            "gross", "born", "qty", "contact", "phone", "card", "city", "zip")))));

            JsonNode run = server.runToEnd(pipeline);

            // succeeded_with_warnings: the default row_count check compares the source rows with the filtered rest
            assertThat(run.path("status").asText()).as(run.toString()).startsWith("succeeded");
            String expected = "WITH kept AS (SELECT * FROM " + source + ".people WHERE id % 10 <> 3),"
                    + " winners AS (SELECT DISTINCT ON (grp) * FROM kept ORDER BY grp, version DESC),"
                    + " x AS (SELECT *, regexp_replace(phone, '^(\\d{3})-(\\d{4})$', '(\\1) \\2') AS phone_r,"
                    + " round(price_txt::numeric, 2) AS price_r FROM winners)"
                    + " SELECT " + checksum("id", "split_part(full_name, ' ', 1)", "split_part(full_name, ' ', 2)",
                    "encode(sha256(convert_to('" + SALT + "' || regexp_replace(email, '@example\\.com', "
                            + "'@example.org', 'gi'), 'UTF8')), 'hex')",
                    "price_r", "round(price_r * 1.21, 2)", "to_date(born_txt, 'DD.MM.YYYY')", "qty",
                    "concat_ws(' | ', full_name, phone_r)", "phone_r", "repeat('*', 12) || right(card, 4)",
                    "attrs ->> 'city'", "(attrs ->> 'zip')::int") + " FROM x";
            String landed = "SELECT " + checksum("id", "first_name", "last_name", "email", "price", "gross", "born",
                    "qty", "contact", "phone", "card", "city", "zip") + " FROM " + target + ".people";
            long expectedRows = Long.parseLong(Sql.postgres("arus_test", "SELECT count(DISTINCT grp) FROM " + source
                    + ".people WHERE id % 10 <> 3"));
            JsonNode stream = run.path("streams").get(0);
            assertThat(stream.path("rows_written").asLong()).as(stream.toString()).isEqualTo(expectedRows);
            assertThat(stream.path("rows_filtered").asLong()).isEqualTo(ROWS - expectedRows);
            assertThat(stream.path("rows_rejected").asLong()).isZero();
            assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".people"))
                    .isEqualTo(String.valueOf(expectedRows));
            assertThat(Sql.postgres("arus_test", landed)).isEqualTo(Sql.postgres("arus_test", expected));
        } finally {
            Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + source + " CASCADE; DROP SCHEMA IF EXISTS " + target
                    + " CASCADE");
        }
    }

    /** md5 over all rows in id order, each row its values as text joined by '|', NULL written as '~'. */
    private static String checksum(String... columns) {
        String row = Arrays.stream(columns).map(c -> "coalesce((" + c + ")::text, '~')")
                .collect(Collectors.joining(", '|', "));
        return "md5(string_agg(concat(" + row + "), ',' ORDER BY id))";
    }

    private static Map<String, Object> step(String type, Map<String, Object> config) {
        return Map.of("type", type, "config", config);
    }

    private static String pipeline(String source, String target, List<Map<String, Object>> steps) throws Exception {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("name", source + ".people");
        stream.put("sync_mode", "full_refresh");
        stream.put("transforms", steps);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bchain-" + source);
        body.put("source_id", DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig()));
        body.put("destination_id", DatabasePipelineTest.create("/api/destinations", "postgresql",
                DatabasePipelineTest.pgConfig()));
        body.put("target_namespace", target);
        body.put("streams", List.of(stream));
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }
}

package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PG -> PG through the real server with a transform chain: rows a step rejects land in dead letters with the
 * step's reason; after the pipeline is edited (the GET answer PUT back with the step fixed) a replay runs the new
 * chain and writes them; rows a filter drops are counted, not rejected. The same with a {@code cast} step, whose
 * reasons name the column, the value and the type, and whose fixed config (a wider decimal, a second date pattern,
 * then {@code on_error: null}) lands the rows on replay without duplicating them in the runs after.
 */
class TransformRunTest {
    static ArusServer server;

    @BeforeAll
    static void awaitServer() throws Exception {
        server = ArusServer.await();
    }

    @Test
    void stepRejectsAreDeadLettersThatReplayThroughTheFixedChainAndFilteredRowsAreCounted() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String schema = "tr_src_" + id;
        String target = "tr_dst_" + id;
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " name text NOT NULL, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".items SELECT g, 'n' || g, now() FROM generate_series(1, 100) g;");
        // rows 7 and 42 make the expression give a text, which the filter rejects; ids ending in 0 are filtered out
        String pipeline = pipeline("tr-" + id, schema, target, 30,
                List.of(Map.of("type", "filter",
                        "config", Map.of("expression", "id == 7 || id == 42 ? 'odd' : id % 10 != 0"))));

        JsonNode run = server.runToEnd(pipeline);

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded_with_warnings");
        JsonNode stream = run.path("streams").get(0);
        assertThat(stream.path("rows_read").asLong()).isEqualTo(100);
        assertThat(stream.path("rows_filtered").asLong()).as(stream.toString()).isEqualTo(10);
        assertThat(stream.path("rows_rejected").asLong()).isEqualTo(2);
        assertThat(stream.path("rows_written").asLong()).isEqualTo(88);
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".items")).isEqualTo("88");
        List<String> letters = new ArrayList<>();
        for (JsonNode letter : server.json("/api/dead-letters?run_id=" + run.path("id").asText())) {
            letters.add(letter.path("id").asText());
            assertThat(letter.path("reason").asText()).isEqualTo("filter: the expression gives odd, not true or false");
            assertThat(letter.path("values").path("name").asText()).startsWith("n");
        }
        assertThat(letters).hasSize(2);

        // the step is fixed by editing the pipeline: what GET answered, PUT back with the new expression
        ObjectNode edited = (ObjectNode) server.json("/api/pipelines/" + pipeline);
        ObjectNode step = (ObjectNode) edited.path("streams").get(0).path("transforms").get(0);
        ((ObjectNode) step.path("config")).put("expression", "id % 10 != 0");
        HttpResponse<String> put = server.send("PUT", "/api/pipelines/" + pipeline, edited.toString(), server.adminToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        HttpResponse<String> replayed = server.send("POST", "/api/dead-letters/replay",
                ArusServer.JSON.writeValueAsString(Map.of("ids", letters)), server.adminToken());

        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(ArusServer.JSON.readTree(replayed.body()).path("replayed").asInt()).as(replayed.body()).isEqualTo(2);
        assertThat(Sql.postgres("arus_test", "SELECT string_agg(name, ',' ORDER BY id) FROM " + target
                + ".items WHERE id IN (7, 42)")).isEqualTo("n7,n42");
    }

    @Test
    void castRejectsAreDeadLettersWithStepAndReasonAndReplayThroughTheFixedCastWithoutDuplicates() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String schema = "trc_src_" + id;
        String target = "trc_dst_" + id;
        // 60 rows, prices g * 1.25 and dates dd.MM.yyyy; row 30 rounds half up; rows 7, 13 and 21 do not fit
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".items (id bigint PRIMARY KEY,"
                + " price_text text, born_text text, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".items SELECT g, (g * 1.25)::text,"
                + " to_char(date '2000-01-01' + g, 'DD.MM.YYYY'), now() FROM generate_series(1, 60) g;"
                + " UPDATE " + schema + ".items SET price_text = '99.995' WHERE id = 30;"
                + " UPDATE " + schema + ".items SET price_text = 'abc' WHERE id = 7;"
                + " UPDATE " + schema + ".items SET price_text = '1234567.891' WHERE id = 13;"
                + " UPDATE " + schema + ".items SET born_text = '2024-03-15' WHERE id = 21;");
        String pipeline = pipeline("trc-" + id, schema, target, 25,
                List.of(Map.of("type", "cast", "config", Map.of(
                        "columns", Map.of("price_text", "decimal(8,2)", "born_text", "date"),
                        "formats", Map.of("born_text", "dd.MM.yyyy"),
                        "on_error", "reject"))));

        JsonNode run = server.runToEnd(pipeline);

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded_with_warnings");
        JsonNode stream = run.path("streams").get(0);
        assertThat(stream.path("rows_read").asLong()).as(stream.toString()).isEqualTo(60);
        assertThat(stream.path("rows_rejected").asLong()).as(stream.toString()).isEqualTo(3);
        assertThat(stream.path("rows_filtered").asLong()).as(stream.toString()).isEqualTo(0);
        assertThat(stream.path("rows_written").asLong()).as(stream.toString()).isEqualTo(57);
        // exactly the good rows, each as PostgreSQL casts its source row (round() is half up for positive values)
        assertThat(rows(target)).isEqualTo(Sql.postgres("arus_test", "SELECT string_agg(id || ':' || round(price_text::numeric, 2)"
                + " || ':' || to_date(born_text, 'DD.MM.YYYY'), ',' ORDER BY id) FROM " + schema + ".items"
                + " WHERE id NOT IN (7, 13, 21)"));
        assertThat(Sql.postgres("arus_test", "SELECT price_text || ' ' || born_text FROM " + target + ".items WHERE id = 30"))
                .isEqualTo("100.00 2000-01-31");
        assertThat(Sql.postgres("arus_test", "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
                + target + ".items'::regclass AND attname IN ('price_text', 'born_text') ORDER BY attname"))
                .isEqualTo("date\nnumeric(8,2)");

        String runId = run.path("id").asText();
        Map<Long, JsonNode> letters = letters(runId);
        assertThat(letters).containsOnlyKeys(7L, 13L, 21L);
        assertThat(letters.values()).allSatisfy(letter -> {
            assertThat(letter.path("step_index").isInt()).as(letter.toString()).isTrue();
            assertThat(letter.path("step_index").asInt()).as(letter.toString()).isZero();
            assertThat(letter.path("step_type").asText()).isEqualTo("cast");
            assertThat(letter.path("stream").asText()).isEqualTo(schema + ".items");
            assertThat(letter.path("replayed_at").isNull()).as(letter.toString()).isTrue();
            List<String> columns = new ArrayList<>();
            letter.path("values").fieldNames().forEachRemaining(columns::add);
            assertThat(columns).containsExactlyInAnyOrder("id", "price_text", "born_text", "updated_at");
        });
        assertThat(letters.get(7L).path("reason").asText()).isEqualTo("price_text: 'abc' is not a decimal(8,2)");
        assertThat(letters.get(13L).path("reason").asText())
                .isEqualTo("price_text: '1234567.891' is not a decimal(8,2) (too many integer digits)");
        assertThat(letters.get(21L).path("reason").asText()).isEqualTo("born_text: '2024-03-15' is not a date");
        // the values are the source row as read, before the cast
        assertThat(letters.get(7L).path("values").path("price_text").asText()).isEqualTo("abc");
        assertThat(letters.get(7L).path("values").path("born_text").asText()).isEqualTo("08.01.2000");
        assertThat(letters.get(13L).path("values").path("price_text").asText()).isEqualTo("1234567.891");
        assertThat(letters.get(13L).path("values").path("born_text").asText()).isEqualTo("14.01.2000");
        assertThat(letters.get(21L).path("values").path("price_text").asText()).isEqualTo("26.25");
        assertThat(letters.get(21L).path("values").path("born_text").asText()).isEqualTo("2024-03-15");
        assertThat(letters.get(21L).path("values").path("updated_at").isNull()).isFalse();

        // the user widens the decimal and adds the ISO pattern: GET, change the step's config, PUT it all back
        editCast(pipeline, config -> {
            ((ObjectNode) config.path("columns")).put("price_text", "decimal(12,3)");
            ((ObjectNode) config.path("formats")).put("born_text", "[dd.MM.yyyy][yyyy-MM-dd]");
        });
        List<String> all = letters.values().stream().map(letter -> letter.path("id").asText()).toList();

        JsonNode replayed = replay(Map.of("ids", all));

        assertThat(replayed.path("replayed").asInt()).as(replayed.toString()).isEqualTo(2);
        assertThat(replayed.path("failed").asInt()).as(replayed.toString()).isEqualTo(1);
        String abc = letters.get(7L).path("id").asText();
        for (JsonNode outcome : replayed.path("results")) {
            boolean isAbc = outcome.path("id").asText().equals(abc);
            assertThat(outcome.path("replayed").asBoolean()).as(outcome.toString()).isEqualTo(!isAbc);
            if (isAbc) {
                assertThat(outcome.path("reason").asText()).isEqualTo("step 1 (cast): price_text: 'abc' is not a decimal(12,3)");
            }
        }
        // the column was widened for the new type; the rows landed with the new cast
        assertThat(Sql.postgres("arus_test", "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
                + target + ".items'::regclass AND attname = 'price_text'")).isEqualTo("numeric(12,3)");
        assertThat(Sql.postgres("arus_test", "SELECT string_agg(id || ':' || price_text || ':' || born_text, ',' ORDER BY id)"
                + " FROM " + target + ".items WHERE id IN (13, 21, 30)"))
                .isEqualTo("13:1234567.891:2000-01-14,21:26.250:2024-03-15,30:100.000:2000-01-31");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".items")).isEqualTo("59");
        letters = letters(runId);
        assertThat(letters.get(13L).path("replayed_at").isTextual()).as(letters.get(13L).toString()).isTrue();
        assertThat(letters.get(21L).path("replayed_at").isTextual()).as(letters.get(21L).toString()).isTrue();
        assertThat(letters.get(7L).path("replayed_at").isNull()).as("still waiting").isTrue();
        assertThat(letters.get(7L).path("reason").asText()).as("the new step's reason")
                .isEqualTo("price_text: 'abc' is not a decimal(12,3)");

        // 'abc' fits no decimal: the user lets the cast make it NULL, and replays what the run still has waiting
        editCast(pipeline, config -> config.put("on_error", "null"));

        replayed = replay(Map.of("run_id", runId));

        assertThat(replayed.path("replayed").asInt()).as(replayed.toString()).isEqualTo(1);
        assertThat(replayed.path("failed").asInt()).as(replayed.toString()).isEqualTo(0);
        assertThat(replayed.path("results").get(0).path("id").asText()).isEqualTo(abc);
        assertThat(Sql.postgres("arus_test", "SELECT coalesce(price_text::text, 'NULL') || ':' || born_text FROM " + target
                + ".items WHERE id = 7")).isEqualTo("NULL:2000-01-08");
        assertThat(letters(runId).values()).allSatisfy(letter ->
                assertThat(letter.path("replayed_at").isTextual()).as(letter.toString()).isTrue());
        // a second replay of the same letters writes nothing again
        replayed = replay(Map.of("ids", all));
        assertThat(replayed.path("replayed").asInt()).as(replayed.toString()).isZero();
        assertThat(replayed.path("results")).allSatisfy(outcome ->
                assertThat(outcome.path("reason").asText()).startsWith("already replayed at "));
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".items")).isEqualTo("60");

        // the next runs read only what changed: a replayed row and the rounded row touched, one new row; merged by id
        Sql.postgres("arus_test", "UPDATE " + schema + ".items SET updated_at = now() WHERE id IN (13, 30);"
                + " INSERT INTO " + schema + ".items VALUES (61, '0.0005', '01.01.2030', now())");

        JsonNode second = server.runToEnd(pipeline);

        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
        JsonNode secondStream = second.path("streams").get(0);
        assertThat(secondStream.path("rows_read").asLong()).as(secondStream.toString()).isEqualTo(3);
        assertThat(secondStream.path("rows_rejected").asLong()).as(secondStream.toString()).isZero();
        assertThat(secondStream.path("rows_written").asLong()).as(secondStream.toString()).isEqualTo(3);
        JsonNode third = server.runToEnd(pipeline);
        assertThat(third.path("status").asText()).as(third.toString()).isEqualTo("succeeded");
        assertThat(third.path("streams").get(0).path("rows_read").asLong()).as(third.toString()).isZero();
        assertThat(Sql.postgres("arus_test", "SELECT count(*) || ' ' || count(DISTINCT id) FROM " + target + ".items"))
                .isEqualTo("61 61");
        // every row now as PostgreSQL casts its source with the fixed config; 'abc' is NULL
        assertThat(rows(target)).isEqualTo(Sql.postgres("arus_test", "SELECT string_agg(id || ':' || coalesce(CASE WHEN id = 7"
                + " THEN NULL WHEN id IN (13, 30, 61) THEN round(price_text::numeric, 3)::text"
                + " ELSE round(price_text::numeric, 2)::numeric(12,3)::text END, 'NULL') || ':'"
                + " || CASE WHEN born_text LIKE '____-__-__' THEN born_text::date ELSE to_date(born_text, 'DD.MM.YYYY') END,"
                + " ',' ORDER BY id) FROM " + schema + ".items"));
        assertThat(Sql.postgres("arus_test", "SELECT price_text || ' ' || born_text FROM " + target + ".items WHERE id IN (30, 61)"
                + " ORDER BY id")).isEqualTo("99.995 2000-01-31\n0.001 2030-01-01");
    }

    /** Every destination row as {@code id:price:born}, in id order; NULL as the text NULL. */
    private static String rows(String target) throws Exception {
        return Sql.postgres("arus_test", "SELECT string_agg(id || ':' || coalesce(price_text::text, 'NULL') || ':' || born_text,"
                + " ',' ORDER BY id) FROM " + target + ".items");
    }

    /** The run's dead letters by the source row's id. */
    private static Map<Long, JsonNode> letters(String runId) throws Exception {
        Map<Long, JsonNode> letters = new TreeMap<>();
        for (JsonNode letter : server.json("/api/dead-letters?run_id=" + runId)) {
            letters.put(letter.path("values").path("id").asLong(), letter);
        }
        return letters;
    }

    /** Edits the pipeline as a user does: what GET answered, its first step's config changed, PUT back whole. */
    private static void editCast(String pipeline, Consumer<ObjectNode> change) throws Exception {
        ObjectNode edited = (ObjectNode) server.json("/api/pipelines/" + pipeline);
        ObjectNode step = (ObjectNode) edited.path("streams").get(0).path("transforms").get(0);
        assertThat(step.path("type").asText()).isEqualTo("cast");
        change.accept((ObjectNode) step.path("config"));
        HttpResponse<String> put = server.send("PUT", "/api/pipelines/" + pipeline, edited.toString(), server.adminToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private static JsonNode replay(Map<String, ?> body) throws Exception {
        HttpResponse<String> answer = server.send("POST", "/api/dead-letters/replay", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return ArusServer.JSON.readTree(answer.body());
    }

    /** Creates a PG -> PG pipeline copying {@code schema.items} incrementally into {@code target} through the steps. */
    private static String pipeline(String name, String schema, String target, int batchSize,
                                   List<Map<String, Object>> transforms) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source_id", DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig()));
        body.put("destination_id", DatabasePipelineTest.create("/api/destinations", "postgresql",
                DatabasePipelineTest.pgConfig()));
        body.put("target_namespace", target);
        body.put("batch_size", batchSize);
        body.put("streams", List.of(Map.of("name", schema + ".items", "sync_mode", "incremental",
                "transforms", transforms)));
        HttpResponse<String> created = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(created.body()).path("id").asText();
    }
}

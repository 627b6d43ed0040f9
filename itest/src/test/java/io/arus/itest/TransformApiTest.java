package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.core.security.SecretBox;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The transform endpoints of issue 14 through the server: a pipeline with a chain PUT back as GET answered it keeps
 * its masked salt (the store holds it sealed, unchanged); bad steps are refused by field path (an expression with
 * its position, an unknown type, a model's unknown ref()); the check endpoint; a preview on PostgreSQL shows each
 * step's output and a cast's reject with its reason and names an unknown column in place; the lineage follows a
 * rename to the destination; viewers may read lineage but not preview or check.
 */
@ExtendWith(ServiceExtension.class)
class TransformApiTest {
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String SCHEMA = "tx_api_" + ID;
    private static final String STREAM = SCHEMA + ".orders";

    static ArusServer server;
    static String sourceId;
    static String destinationId;

    @InjectService
    PipelineStore store;

    @InjectService
    SecretBox box;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        Sql.postgres("arus_test", "CREATE SCHEMA " + SCHEMA + "; CREATE TABLE " + SCHEMA + ".orders (id bigint PRIMARY KEY,"
                + " email text, price text, qty int NOT NULL, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + SCHEMA + ".orders VALUES (1, 'a@x.io', '10.50', 3, now()), (2, 'b@x.io', '7', 1, now()),"
                + " (3, 'c@x.io', 'abc', 5, now()), (4, NULL, '2.25', 2, now());");
        sourceId = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        destinationId = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
    }

    @AfterAll
    static void tearDown() throws Exception {
        Sql.postgres("arus_test", "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    @Test
    void aGetAnswerPutBackKeepsTheMaskedSaltAndTheStoreHoldsItSealedAndUnchanged() throws Exception {
        String id = created(pipeline("tx-salt-" + ID, List.of(step("rename", Map.of("columns", Map.of("email", "customer_email"))),
                step("hash", Map.of("columns", List.of("customer_email"), "salt", "pepper-" + ID)))));
        JsonNode got = server.json("/api/pipelines/" + id);
        JsonNode salt = got.path("streams").get(0).path("transforms").get(1).path("config").path("salt");
        assertThat(salt.asText()).isEqualTo("******");
        Object sealedBefore = storedSalt(id);

        HttpResponse<String> put = server.send("PUT", "/api/pipelines/" + id, got.toString(), server.adminToken());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(ArusServer.JSON.readTree(put.body()).path("streams").get(0).path("transforms").get(1).path("config")
                .path("salt").asText()).isEqualTo("******");
        Object sealed = storedSalt(id);
        assertThat(SecretBox.isEncrypted(sealed)).as("stored sealed: " + sealed).isTrue();
        assertThat(box.decrypt((String) sealed)).isEqualTo("pepper-" + ID);
        assertThat(box.decrypt((String) sealedBefore)).isEqualTo("pepper-" + ID);
        assertThat(put.body()).doesNotContain("pepper-");
        assertThat(server.get("/api/pipelines/" + id).body()).doesNotContain("pepper-");

        // pipelines as code: the salt is exported as its placeholder, which applied back keeps the stored salt
        HttpResponse<String> export = server.send("GET", "/api/export?pipelines=tx-salt-" + ID, null, server.adminToken());
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains("${env:SECRET_PIPELINE_TX_SALT_" + ID.toUpperCase() + "_" + SCHEMA.toUpperCase()
                + "_ORDERS_1_SALT}").doesNotContain("pepper-");
        assertThat(export.body()).contains("batch_size: 10000");
        HttpResponse<String> applied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.base() + "/api/apply")).header("Content-Type", "application/yaml")
                .header("Accept", "application/json").header("Authorization", "Bearer " + server.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(export.body().replace("batch_size: 10000", "batch_size: 5000"),
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(server.json("/api/pipelines/" + id).path("batch_size").asInt()).isEqualTo(5000);
        assertThat(box.decrypt((String) storedSalt(id))).as("the placeholder kept the salt").isEqualTo("pepper-" + ID);
    }

    @Test
    void badStepsAndAModelsUnknownRefAreRefusedByFieldPath() throws Exception {
        Map<String, Object> body = pipeline("tx-bad-" + ID, List.of(step("filter", Map.of("expression", "qty >")),
                step("no_such_transform", Map.of()), step("cast", Map.of("columns", "not a map"))));
        body.put("models", List.of(Map.of("name", "daily", "sql", "select * from {{ ref('" + STREAM + "') }}"),
                Map.of("name", "weekly", "sql", "select * from {{ ref('nowhere') }}")));

        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        Map<String, String> errors = errors(ArusServer.JSON.readTree(response.body()));
        assertThat(errors).containsOnlyKeys("streams[0].transforms[0].config.expression",
                "streams[0].transforms[1].type", "streams[0].transforms[2].config.columns", "models[1].sql");
        assertThat(errors.get("streams[0].transforms[0].config.expression")).matches("(?s).*\\b1:\\d+.*");
        assertThat(errors.get("streams[0].transforms[1].type")).contains("no_such_transform");
        assertThat(errors.get("models[1].sql")).contains("nowhere");
        assertThat(server.json("/api/pipelines").findValuesAsText("name")).doesNotContain("tx-bad-" + ID);
    }

    @Test
    void theCheckEndpointNamesTheFieldWithThePositionAndRefusesViewersAndUnknownTypes() throws Exception {
        HttpResponse<String> bad = server.send("POST", "/api/transforms/filter/check",
                "{\"config\": {\"expression\": \"qty > \"}}", server.adminToken());
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(200);
        JsonNode violations = ArusServer.JSON.readTree(bad.body()).path("violations");
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).path("field").asText()).isEqualTo("expression");
        assertThat(violations.get(0).path("message").asText()).matches("(?s).*\\b1:\\d+.*");

        HttpResponse<String> fine = server.send("POST", "/api/transforms/filter/check",
                "{\"config\": {\"expression\": \"qty > 1\"}}", server.adminToken());
        assertThat(ArusServer.JSON.readTree(fine.body()).path("violations")).as(fine.body()).isEmpty();

        assertThat(server.send("POST", "/api/transforms/no_such_transform/check", "{\"config\": {}}",
                server.adminToken()).statusCode()).isEqualTo(404);
        assertThat(server.send("POST", "/api/transforms/filter/check", "{\"config\": {}}",
                Users.token(server, "viewer")).statusCode()).isEqualTo(403);
    }

    @Test
    void aPreviewOnPostgresShowsEachStepsRowsAndACastRejectWithItsReasonAndNamesAnUnknownColumnInPlace() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_id", sourceId);
        body.put("stream", STREAM);
        body.put("limit", 10);
        body.put("transforms", List.of(step("rename", Map.of("columns", Map.of("email", "customer_email"))),
                step("cast", Map.of("columns", Map.of("price", "decimal(12,2)"), "on_error", "reject")),
                step("filter", Map.of("expression", "qty > 1"))));

        HttpResponse<String> response = server.send("POST", "/api/pipelines/preview",
                ArusServer.JSON.writeValueAsString(body), server.adminToken());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode preview = ArusServer.JSON.readTree(response.body());
        assertThat(preview.path("error").isNull()).as(response.body()).isTrue();
        assertThat(preview.path("input").path("columns").findValuesAsText("name"))
                .containsExactly("id", "email", "price", "qty", "updated_at");
        assertThat(preview.path("input").path("rows")).hasSize(4);
        JsonNode steps = preview.path("steps");
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).path("columns").findValuesAsText("name")).contains("customer_email").doesNotContain("email");
        assertThat(steps.get(0).path("lineage").path("customer_email").get(0).asText()).isEqualTo("email");
        JsonNode cast = steps.get(1);
        assertThat(cast.path("rows")).hasSize(3);
        assertThat(cast.path("columns").get(2).path("type").asText()).isEqualTo("decimal(12,2)");
        assertThat(cast.path("rejected")).hasSize(1);
        assertThat(cast.path("rejected").get(0).path("row").get(0).asLong()).isEqualTo(3);
        assertThat(cast.path("rejected").get(0).path("reason").asText()).contains("price").contains("abc");
        assertThat(steps.get(2).path("filtered").asLong()).as("qty 1 is filtered").isEqualTo(1);
        assertThat(steps.get(2).path("rows")).hasSize(2);
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                + SCHEMA + "'")).as("nothing written").isEqualTo("1");

        body.put("transforms", List.of(step("rename", Map.of("columns", Map.of("email", "customer_email"))),
                step("filter", Map.of("expression", "qty > 1")), step("select", Map.of("columns", List.of("id", "email")))));
        JsonNode unknown = ArusServer.JSON.readTree(server.send("POST", "/api/pipelines/preview",
                ArusServer.JSON.writeValueAsString(body), server.adminToken()).body());
        assertThat(unknown.path("steps")).as(unknown.toString()).hasSize(2);
        assertThat(unknown.path("error").path("step").asInt()).isEqualTo(2);
        assertThat(unknown.path("error").path("field").asText()).startsWith("transforms[2].config");
        assertThat(unknown.path("error").path("message").asText()).contains("email");
    }

    @Test
    void aPreviewBodyOutOfBoundsIsAProblemNamingTheFieldAndViewersMayNotPreview() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_id", "no-such-source");
        body.put("stream", STREAM);
        body.put("limit", 501);
        HttpResponse<String> response = server.send("POST", "/api/pipelines/preview",
                ArusServer.JSON.writeValueAsString(body), server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(errors(ArusServer.JSON.readTree(response.body()))).containsOnlyKeys("source_id", "limit");

        body.put("source_id", sourceId);
        body.put("limit", 5);
        assertThat(server.send("POST", "/api/pipelines/preview", ArusServer.JSON.writeValueAsString(body),
                Users.token(server, "viewer")).statusCode()).isEqualTo(403);
    }

    @Test
    void theLineageFollowsARenameToTheDestinationAndNamesModelInputsForAViewer() throws Exception {
        Map<String, Object> body = pipeline("tx-lineage-" + ID, List.of(
                step("rename", Map.of("columns", Map.of("email", "customer_email"))),
                step("add_column", Map.of("name", "loaded_by", "value", "arus"))));
        body.put("models", List.of(Map.of("name", "by_email", "sql",
                "select customer_email, count(*) n from {{ ref('" + STREAM + "') }} group by 1")));
        String id = created(body);

        HttpResponse<String> response = server.send("GET", "/api/pipelines/" + id + "/lineage", null,
                Users.token(server, "viewer"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode lineage = ArusServer.JSON.readTree(response.body());
        JsonNode stream = lineage.path("streams").get(0);
        assertThat(stream.path("source").path("namespace").asText()).isEqualTo(SCHEMA);
        assertThat(stream.path("source").path("table").asText()).isEqualTo("orders");
        assertThat(stream.path("destination").path("namespace").asText()).isEqualTo("tx_dst_" + ID);
        assertThat(stream.path("destination").path("table").asText()).isEqualTo("orders");
        assertThat(stream.path("steps").findValuesAsText("type")).containsExactly("rename", "add_column");
        Map<String, JsonNode> columns = new LinkedHashMap<>();
        stream.path("columns").forEach(c -> columns.put(c.path("destination").asText(), c));
        assertThat(columns).containsKeys("id", "customer_email", "price", "qty", "updated_at", "loaded_by");
        assertThat(columns.get("customer_email").path("sources").get(0).asText()).isEqualTo("email");
        assertThat(columns.get("customer_email").path("steps").get(0).asInt()).isEqualTo(0);
        assertThat(columns.get("loaded_by").path("sources")).isEmpty();
        assertThat(columns.get("loaded_by").path("steps").get(0).asInt()).isEqualTo(1);
        assertThat(columns.get("id").path("steps")).isEmpty();
        JsonNode model = lineage.path("models").get(0);
        assertThat(model.path("name").asText()).isEqualTo("by_email");
        assertThat(model.path("materialization").asText()).isEqualTo("table");
        assertThat(model.path("target").path("namespace").asText()).isEqualTo("tx_dst_" + ID);
        assertThat(model.path("inputs").get(0).asText()).isEqualTo(STREAM);
    }

    private Object storedSalt(String pipelineId) {
        Pipeline pipeline = store.byId(pipelineId).orElseThrow();
        List<?> streams = (List<?>) pipeline.definition().get("streams");
        List<?> steps = (List<?>) ((Map<?, ?>) streams.get(0)).get("transforms");
        return ((Map<?, ?>) ((Map<?, ?>) steps.get(1)).get("config")).get("salt");
    }

    private static Map<String, Object> step(String type, Map<String, Object> config) {
        return Map.of("type", type, "config", config);
    }

    private static Map<String, Object> pipeline(String name, List<Map<String, Object>> steps) {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("name", STREAM);
        stream.put("transforms", steps);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("source_id", sourceId);
        body.put("destination_id", destinationId);
        body.put("target_namespace", "tx_dst_" + ID);
        body.put("streams", List.of(stream));
        return body;
    }

    private static String created(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private static Map<String, String> errors(JsonNode problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.path("errors").forEach(e -> errors.put(e.path("field").asText(), e.path("message").asText()));
        return errors;
    }
}

package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the SQL model tests share: an orders table on PostgreSQL and a pipeline over it with models. */
final class ModelPipelines {
    private ModelPipelines() {
    }

    /** @return a model as the API takes it; {@code key} null for none */
    static Map<String, Object> model(String name, String sql, String materialization, List<String> key) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", name);
        model.put("sql", sql);
        model.put("materialization", materialization);
        if (key != null) {
            model.put("unique_key", key);
        }
        return model;
    }

    /** Creates {@code <prefix>_<id>.orders} (id key, customer of 7, amount, updated_at) with 1,000 rows. */
    static String orders(String prefix) throws Exception {
        String schema = prefix + "_" + shortId();
        Sql.postgres("arus_test", "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".orders (id bigint PRIMARY KEY,"
                + " customer text NOT NULL, amount bigint NOT NULL, updated_at timestamptz NOT NULL);"
                + " INSERT INTO " + schema + ".orders SELECT g, 'c' || (g % 7), g, timestamptz '2024-03-01 00:00:00+00'"
                + " + g * interval '1 second' FROM generate_series(1, 1000) g;");
        return schema;
    }

    /** Creates a pipeline that copies {@code schema.orders} incrementally into {@code target}, then runs the models. */
    static String pipeline(ArusServer server, String destination, String schema, String target,
                           List<Map<String, Object>> models) throws Exception {
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("name", schema + ".orders");
        stream.put("sync_mode", "incremental");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "models-" + shortId());
        body.put("source_id", DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig()));
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("streams", List.of(stream));
        body.put("models", models);
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

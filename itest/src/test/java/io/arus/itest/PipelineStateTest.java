package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.core.store.MetadataDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Where a pipeline's streams stand between runs, on the real server: the offset stored in the JSON shape every
 * server wrote, the columns of the last run in their own table, both shown by {@code GET .../state} and both
 * forgotten by {@code DELETE .../state}.
 */
class PipelineStateTest {
    private static ArusServer server;
    private static String pgDestination;
    private static MetadataDatabase metadata;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        pgDestination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        BundleContext context = FrameworkUtil.getBundle(PipelineStateTest.class).getBundleContext();
        ServiceReference<MetadataDatabase> reference = context.getServiceReference(MetadataDatabase.class);
        assertThat(reference).as("the metadata database service").isNotNull();
        metadata = context.getService(reference);
    }

    @Test
    void anIncrementalRunResumesFromItsStoredOffsetAndAResetForgetsOffsetAndColumns() throws Exception {
        String stream = itemsTable("state_src_");
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String pipeline = pipeline(source, stream, "state_dst_" + shortId());

        JsonNode first = server.runToEnd(pipeline);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.path("streams").get(0).path("rows_read").asLong()).isEqualTo(1000);

        JsonNode state = server.json("/api/pipelines/" + pipeline + "/state");
        assertThat(state.path("pipeline_id").asText()).isEqualTo(pipeline);
        JsonNode splits = state.path("streams").path(stream);
        assertThat(splits.fieldNames()).toIterable().as("no fake split 'schema' among the offsets").containsExactly("all");
        assertThat(splits.path("all").fieldNames()).toIterable().containsExactlyInAnyOrder("version", "values");
        assertThat(splits.path("all").path("values").toString()).contains("2024-01-01T00:16:40");
        assertThat(state.path("schemas").path(stream)).extracting(JsonNode::asText)
                .containsExactly("id int64", "name string", "updated_at timestamptz");
        List<String> stored = query("SELECT split_id, offset_json FROM stream_offsets WHERE pipeline_id = ?", pipeline);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).as("the shape older servers wrote and read").startsWith("all {\"version\":1,\"values\":{");
        assertThat(query("SELECT columns_json FROM stream_schemas WHERE pipeline_id = ?", pipeline))
                .containsExactly("[\"id int64\",\"name string\",\"updated_at timestamptz\"]");

        Sql.postgres("arus_test", "INSERT INTO " + stream + " SELECT g, 'new ' || g, timestamptz '2024-02-01 00:00:00+00'"
                + " + g * interval '1 second' FROM generate_series(1001, 1200) g;");
        JsonNode second = server.runToEnd(pipeline);
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
        assertThat(second.path("streams").get(0).path("rows_read").asLong()).as("resumed at the stored offset")
                .isEqualTo(200);
        assertThat(server.get("/api/runs/" + second.path("id").asText() + "/logs").body())
                .doesNotContain("source schema changed");

        HttpResponse<String> reset = server.send("DELETE", "/api/pipelines/" + pipeline + "/state", null,
                server.adminToken());
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        JsonNode cleared = server.json("/api/pipelines/" + pipeline + "/state");
        assertThat(cleared.path("streams").size()).isZero();
        assertThat(cleared.path("schemas").size()).isZero();
        assertThat(query("SELECT stream FROM stream_schemas WHERE pipeline_id = ?", pipeline)).isEmpty();

        JsonNode third = server.runToEnd(pipeline);
        assertThat(third.path("status").asText()).as(third.toString()).isEqualTo("succeeded");
        assertThat(third.path("streams").get(0).path("rows_read").asLong()).as("from scratch").isEqualTo(1200);
        assertThat(server.json("/api/pipelines/" + pipeline + "/state").path("schemas").path(stream).size()).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEditThatChangesAStreamsSyncModeStartsItOverAndAPutOfWhatGetGaveKeepsItsOffset() throws Exception {
        String stream = itemsTable("state_mode_");
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "state_mode_dst_" + shortId();
        String pipeline = pipeline(source, stream, target);
        assertThat(server.runToEnd(pipeline).path("status").asText()).isEqualTo("succeeded");

        // what GET answered, PUT back unchanged: the incremental offset stays, the next run reads nothing new
        String read = server.get("/api/pipelines/" + pipeline).body();
        HttpResponse<String> same = server.send("PUT", "/api/pipelines/" + pipeline, read, server.adminToken());
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(server.json("/api/pipelines/" + pipeline + "/state").path("streams").path(stream).has("all")).isTrue();
        JsonNode unchanged = server.runToEnd(pipeline);
        assertThat(unchanged.path("streams").get(0).path("rows_read").asLong()).isZero();

        // the stream edited into a full refresh with upserts: the incremental offset would have it read nothing
        Map<String, Object> edited = ArusServer.JSON.readValue(read, Map.class);
        edited.put("streams", List.of(Map.of("name", stream, "sync_mode", "full_refresh", "write_mode", "upsert")));
        HttpResponse<String> put = server.send("PUT", "/api/pipelines/" + pipeline,
                ArusServer.JSON.writeValueAsString(edited), server.adminToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(server.json("/api/pipelines/" + pipeline + "/state").path("streams").has(stream)).isFalse();
        JsonNode full = server.runToEnd(pipeline);
        assertThat(full.path("status").asText()).as(full.toString()).isEqualTo("succeeded");
        assertThat(full.path("streams").get(0).path("rows_read").asLong()).as("read from the start").isEqualTo(1000);
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + ".items").trim()).isEqualTo("1000");
        assertThat(server.get("/api/audit?limit=50").body()).contains("pipeline.reset_streams");
    }

    /** @return a new schema's table {@code items} (id key, name, updated_at) of 1,000 rows, as {@code schema.items} */
    private static String itemsTable(String prefix) throws Exception {
        String stream = prefix + shortId() + ".items";
        Sql.postgres("arus_test", "CREATE SCHEMA " + stream.substring(0, stream.indexOf('.')) + "; CREATE TABLE " + stream
                + " (id bigint PRIMARY KEY, name text, updated_at timestamptz(6) NOT NULL);"
                + " INSERT INTO " + stream + " SELECT g, 'item ' || g, timestamptz '2024-01-01 00:00:00+00'"
                + " + g * interval '1 second' FROM generate_series(1, 1000) g;");
        return stream;
    }

    /** @return each row's columns joined by a space */
    private static List<String> query(String sql, String parameter) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = metadata.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? " " : "").append(result.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    private static String pipeline(String source, String stream, String target) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "state-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", pgDestination);
        body.put("target_namespace", target);
        body.put("batch_size", 300);
        body.put("streams", List.of(Map.of("name", stream, "sync_mode", "incremental")));
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

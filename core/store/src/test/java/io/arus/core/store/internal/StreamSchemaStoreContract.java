package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.record.Offset;
import io.arus.core.store.ConflictException;
import io.arus.core.store.StreamSchemaStore;
import jakarta.persistence.PersistenceException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link StreamSchemaStore} does, on the database of the subclass. */
abstract class StreamSchemaStoreContract extends DatabaseTest {
    StreamSchemaStore schemas;
    String pipeline;

    @BeforeEach
    void createStoreAndPipeline() throws ConflictException {
        schemas = new JpaStreamSchemaStore(persistence, clock);
        pipeline = TestPipelines.create(persistence, clock, "orders").id();
    }

    @Test
    void columnsReadBackInTheirOrder() {
        List<String> columns = List.of("id int64", "name string", "amount decimal(12,2)", "\"quoted\" json", "été date");

        schemas.put(pipeline, "public.orders", columns);

        assertThat(schemas.get(pipeline, "public.orders")).contains(columns);
        assertThat(schemas.get(pipeline, "public.customers")).isEmpty();
    }

    @Test
    void aStreamWithoutColumnsIsStoredAsSuch() {
        schemas.put(pipeline, "public.empty", List.of());

        assertThat(schemas.get(pipeline, "public.empty")).contains(List.of());
    }

    @Test
    void putReplacesTheColumnsOfTheStream() {
        schemas.put(pipeline, "public.orders", List.of("id int64"));
        clock.advance(Duration.ofSeconds(5));

        schemas.put(pipeline, "public.orders", List.of("id int64", "note string"));

        assertThat(schemas.get(pipeline, "public.orders")).contains(List.of("id int64", "note string"));
        assertThat(database.queryLong("SELECT COUNT(*) FROM stream_schemas")).isEqualTo(1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM stream_schemas WHERE updated_at = ?",
                clock.instant().atOffset(ZoneOffset.UTC))).isEqualTo(1);
    }

    @Test
    void allIsSortedByStreamAndHoldsOnePipelineOnly() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        schemas.put(pipeline, "public.orders", List.of("id int64"));
        schemas.put(pipeline, "public.customers", List.of("id int32"));
        schemas.put(other, "public.orders", List.of("other string"));

        Map<String, List<String>> all = schemas.all(pipeline);

        assertThat(all.keySet()).containsExactly("public.customers", "public.orders");
        assertThat(all.get("public.orders")).containsExactly("id int64");
        assertThat(schemas.all("no-such-pipeline")).isEmpty();
    }

    @Test
    void clearForgetsOneStreamAndClearAllEveryStreamOfOnePipeline() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        schemas.put(pipeline, "public.orders", List.of("id int64"));
        schemas.put(pipeline, "public.customers", List.of("id int32"));
        schemas.put(other, "public.orders", List.of("other string"));

        schemas.clear(pipeline, "public.orders");
        assertThat(schemas.all(pipeline)).containsOnlyKeys("public.customers");

        schemas.clearAll(pipeline);
        assertThat(schemas.all(pipeline)).isEmpty();
        assertThat(schemas.get(other, "public.orders")).contains(List.of("other string"));
    }

    @Test
    void columnsGoWithTheirPipeline() {
        schemas.put(pipeline, "public.orders", List.of("id int64"));

        new JpaPipelineStore(persistence, clock).delete(pipeline);

        assertThat(database.queryLong("SELECT COUNT(*) FROM stream_schemas")).isZero();
    }

    @Test
    void version9MovesTheSchemaSplitsAnEarlierServerKeptBesideTheOffsets(@TempDir Path directory)
            throws SQLException {
        try (TestDatabase old = TestDatabase.create(dialect(), directory)) {
            new Migrator(old.dataSource(), dialect(), getClass().getClassLoader(),
                    Migrator.MIGRATIONS.stream().filter(m -> m.version() < 9).toList()).migrate();
            old.execute("INSERT INTO sources (id, name, type, config, created_at, updated_at)"
                    + " VALUES ('s', 'crm', 'postgresql', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            old.execute("INSERT INTO destinations (id, name, type, config, created_at, updated_at)"
                    + " VALUES ('d', 'dwh', 'clickhouse', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            old.execute("INSERT INTO pipelines (id, name, source_id, destination_id, definition, enabled,"
                    + " created_at, updated_at)"
                    + " VALUES ('p', 'orders', 's', 'd', '{}', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            String offsetRow = "INSERT INTO stream_offsets (pipeline_id, stream, split_id, offset_json, updated_at)"
                    + " VALUES ('p', ?, ?, ?, CURRENT_TIMESTAMP)";
            // exactly what the old StreamSync wrote: Map.of("columns", [...]) through Jackson, and its offsets
            old.execute(offsetRow, "public.orders", "schema", "{\"columns\":[\"id int64\",\"note \\\"x\\\" string\"]}");
            old.execute(offsetRow, "public.orders", "all", "{\"version\":1,\"values\":{\"id\":42}}");
            old.execute(offsetRow, "public.empty", "schema", "{\"columns\":[]}");
            old.execute(offsetRow, "public.odd", "schema", "{\"something\":\"else\"}");

            try (MetadataPersistence upgraded = old.open()) {
                JpaStreamSchemaStore schemas = new JpaStreamSchemaStore(upgraded, clock);
                assertThat(schemas.all("p")).isEqualTo(Map.of("public.orders", List.of("id int64", "note \"x\" string"),
                        "public.empty", List.of()));
                JpaStreamOffsetStore offsets = new JpaStreamOffsetStore(upgraded, clock);
                assertThat(offsets.all("p")).isEqualTo(Map.of("public.orders", Map.of("all", Offset.of(Map.of("id", 42)))));
            }
        }
    }

    @Test
    void columnsOfAnUnknownPipelineAreRefusedByTheForeignKey() {
        assertThatThrownBy(() -> schemas.put("no-such-pipeline", "s", List.of("id int64")))
                .isInstanceOf(PersistenceException.class);
    }
}

package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every entity the repositories of later issues build on maps to its table: what is persisted reads back equal.
 * Runs on the database of the subclass.
 */
abstract class EntityMappingContract extends DatabaseTest {
    static final Instant T1 = Instant.parse("2025-01-02T03:04:05.123456Z");
    static final Instant T2 = Instant.parse("2025-01-02T03:09:05.000001Z");

    PipelineEntity pipeline;

    @BeforeEach
    void createPipeline() {
        SourceEntity source = connection(new SourceEntity(), "src");
        DestinationEntity destination = connection(new DestinationEntity(), "dst");
        pipeline = new PipelineEntity();
        pipeline.id = id();
        pipeline.name = "orders";
        pipeline.sourceId = source.id;
        pipeline.destinationId = destination.id;
        pipeline.definition = "{\"streams\":[{\"name\":\"public.orders\",\"mode\":\"upsert\"}],\"zones\":[\"raw\"]}";
        pipeline.enabled = true;
        pipeline.scheduleCron = "0 */5 * * * ?";
        pipeline.scheduleTimezone = "Europe/Berlin";
        pipeline.createdAt = T1;
        pipeline.updatedAt = T2;
        persist(source, destination, pipeline);
    }

    @Test
    void pipelineReadsBackEqual() {
        assertRoundTrip(pipeline, PipelineEntity.class, pipeline.id);
    }

    @Test
    void pipelineDependencyReadsBackEqual() {
        PipelineEntity upstream = copyOf(pipeline, "upstream");
        PipelineDependencyEntity dependency = new PipelineDependencyEntity();
        dependency.pipelineId = pipeline.id;
        dependency.upstreamId = upstream.id;
        persist(upstream, dependency);

        assertRoundTrip(dependency, PipelineDependencyEntity.class,
                new PipelineDependencyEntity.Key(pipeline.id, upstream.id));
    }

    @Test
    void runAndItsStreamsReadBackEqual() {
        RunEntity run = run();
        RunStreamEntity stream = new RunStreamEntity();
        stream.runId = run.id;
        stream.stream = "public.orders";
        stream.status = "succeeded";
        stream.rowsRead = 5_000_000_000L;
        stream.rowsWritten = 4_999_999_990L;
        stream.rowsRejected = 10;
        stream.bytes = 123_456_789_012L;
        stream.durationMs = 61_000;
        stream.error = null;
        stream.checks = "[{\"check\":\"row_count\",\"passed\":true}]";
        persist(stream);

        assertRoundTrip(run, RunEntity.class, run.id);
        assertRoundTrip(stream, RunStreamEntity.class, new RunStreamEntity.Key(run.id, "public.orders"));
    }

    @Test
    void runModelsReadBackEqualWithAndWithoutRows() {
        RunEntity run = run();
        RunModelEntity table = new RunModelEntity();
        table.runId = run.id;
        table.position = 0;
        table.name = "daily_totals";
        table.materialization = "table";
        table.status = "succeeded";
        table.rows = 5_000_000_000L;
        table.durationMs = 1_250;
        RunModelEntity view = new RunModelEntity();
        view.runId = run.id;
        view.position = 1;
        view.name = "v_daily";
        view.materialization = "view";
        view.status = "failed";
        view.durationMs = 3;
        view.error = "relation \"analytics.nope\" does not exist";
        persist(table, view);

        assertRoundTrip(table, RunModelEntity.class, new RunModelEntity.Key(run.id, 0));
        assertRoundTrip(view, RunModelEntity.class, new RunModelEntity.Key(run.id, 1));
        assertThat(read(RunModelEntity.class, new RunModelEntity.Key(run.id, 1)).rows).isNull();
    }

    @Test
    void runLogsGetPositiveIncreasingIdsFromTheSequence() {
        RunEntity run = run();
        RunLogEntity first = log(run, "started");
        RunLogEntity second = log(run, "x".repeat(10_000));
        persist(first, second);

        assertThat(first.id).isPositive();
        assertThat(second.id).isGreaterThan(first.id);
        assertRoundTrip(first, RunLogEntity.class, first.id);
        assertRoundTrip(second, RunLogEntity.class, second.id);
    }

    @Test
    void streamOffsetReadsBackEqual() {
        StreamOffsetEntity offset = new StreamOffsetEntity();
        offset.pipelineId = pipeline.id;
        offset.stream = "public.orders";
        offset.splitId = "pk:0-1000";
        offset.offsetJson = "{\"v\":1,\"cursor\":\"2025-01-01T00:00:00Z\",\"pk\":[42]}";
        offset.updatedAt = T2;
        persist(offset);

        assertRoundTrip(offset, StreamOffsetEntity.class,
                new StreamOffsetEntity.Key(pipeline.id, "public.orders", "pk:0-1000"));
    }

    @Test
    void streamSchemaReadsBackEqual() {
        StreamSchemaEntity schema = new StreamSchemaEntity();
        schema.pipelineId = pipeline.id;
        schema.stream = "public.orders";
        schema.columnsJson = "[\"id int64\",\"note string\"]";
        schema.updatedAt = T2;
        persist(schema);

        assertRoundTrip(schema, StreamSchemaEntity.class, new StreamSchemaEntity.Key(pipeline.id, "public.orders"));
    }

    @Test
    void deadLetterReadsBackEqual() {
        DeadLetterEntity letter = new DeadLetterEntity();
        letter.id = id();
        letter.runId = id();
        letter.pipelineId = pipeline.id;
        letter.stream = "public.orders";
        letter.reason = "value too long for column note";
        letter.valuesJson = "{\"id\":1,\"note\":\"x\",\"gone\":null,\"ok\":true}";
        letter.createdAt = T1;
        letter.replayedAt = T2;
        persist(letter);

        assertRoundTrip(letter, DeadLetterEntity.class, letter.id);
    }

    @Test
    void notificationTargetAndSubscriptionReadBackEqual() {
        NotificationTargetEntity target = new NotificationTargetEntity();
        target.id = id();
        target.name = "ops-slack";
        target.type = "slack";
        target.config = "{\"webhook\":\"enc:v1:xyz\"}";
        target.createdAt = T1;
        target.updatedAt = T1;
        PipelineNotificationEntity subscription = new PipelineNotificationEntity();
        subscription.pipelineId = pipeline.id;
        subscription.targetId = target.id;
        subscription.event = "run.failed";
        persist(target, subscription);

        assertRoundTrip(target, NotificationTargetEntity.class, target.id);
        assertRoundTrip(subscription, PipelineNotificationEntity.class,
                new PipelineNotificationEntity.Key(pipeline.id, target.id, "run.failed"));
    }

    @Test
    void deletingAPipelineDeletesItsRunsOffsetsAndSubscriptions() {
        RunEntity run = run();
        persist(log(run, "started"));
        StreamOffsetEntity offset = new StreamOffsetEntity();
        offset.pipelineId = pipeline.id;
        offset.stream = "s";
        offset.splitId = "all";
        offset.offsetJson = "{}";
        offset.updatedAt = T1;
        persist(offset);

        database.execute("DELETE FROM pipelines WHERE id = ?", pipeline.id);

        for (String table : List.of("runs", "run_logs", "stream_offsets")) {
            assertThat(database.queryLong("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
    }

    @Test
    void instantsKeepMicrosecondsAndTheirPlaceOnTheTimeline() {
        // Around the October 2024 change in Europe/Berlin (the tests' default zone): the same local time twice.
        List<Instant> instants = List.of(Instant.parse("2024-10-27T00:30:00.000001Z"),
                Instant.parse("2024-10-27T01:30:00.999999Z"), Instant.parse("2024-03-31T01:30:00Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2199-12-31T23:59:59.999999Z"));
        for (Instant instant : instants) {
            AuditEntryEntity entry = new AuditEntryEntity();
            entry.id = id();
            entry.at = instant;
            entry.actor = "system";
            entry.action = "test";
            persist(entry);

            assertThat(read(AuditEntryEntity.class, entry.id).at).isEqualTo(instant);
            assertThat(database.queryLong("SELECT COUNT(*) FROM audit_log WHERE id = ? AND at = ?", entry.id,
                    instant.atOffset(ZoneOffset.UTC))).as("stored as %s", instant).isEqualTo(1);
        }
    }

    @Test
    void storedTimeCutsNanosecondsThatTheDatabaseWouldRound() {
        Instant withNanos = Instant.parse("2025-05-05T05:05:05.123456789Z");
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.id = id();
        entry.at = StoredTime.of(withNanos);
        entry.actor = "system";
        entry.action = "test";
        persist(entry);

        assertThat(read(AuditEntryEntity.class, entry.id).at).isEqualTo("2025-05-05T05:05:05.123456Z");
        assertThat(OffsetDateTime.parse("2025-05-05T05:05:05.123456Z").toInstant()).isEqualTo(entry.at);
    }

    private RunEntity run() {
        RunEntity run = new RunEntity();
        run.id = id();
        run.pipelineId = pipeline.id;
        run.status = "failed";
        run.trigger = "cron";
        run.createdAt = T1;
        run.startedAt = T1;
        run.endedAt = T2;
        run.error = "destination unreachable";
        persist(run);
        return run;
    }

    private static RunLogEntity log(RunEntity run, String message) {
        RunLogEntity line = new RunLogEntity();
        line.runId = run.id;
        line.at = T2;
        line.level = "INFO";
        line.message = message;
        return line;
    }

    private PipelineEntity copyOf(PipelineEntity original, String name) {
        PipelineEntity copy = new PipelineEntity();
        copy.id = id();
        copy.name = name;
        copy.sourceId = original.sourceId;
        copy.destinationId = original.destinationId;
        copy.definition = "{}";
        copy.enabled = false;
        copy.createdAt = T1;
        copy.updatedAt = T1;
        return copy;
    }

    private static <C extends ConnectionEntity> C connection(C connection, String name) {
        connection.id = id();
        connection.name = name;
        connection.type = "postgresql";
        connection.config = "{}";
        connection.createdBy = "alice";
        connection.createdAt = T1;
        connection.updatedAt = T1;
        return connection;
    }

    private void persist(Object... entities) {
        persistence.inTransaction(em -> {
            for (Object entity : entities) {
                em.persist(entity);
                // parents first: EclipseLink orders inserts by entity class, blind to ids used as foreign keys
                em.flush();
            }
            return null;
        });
    }

    private <T> T read(Class<T> type, Object key) {
        return persistence.inTransaction(em -> em.find(type, key));
    }

    private <T> void assertRoundTrip(T written, Class<T> type, Object key) {
        T read = read(type, key);
        assertThat(read).isNotSameAs(written).usingRecursiveComparison().isEqualTo(written);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}

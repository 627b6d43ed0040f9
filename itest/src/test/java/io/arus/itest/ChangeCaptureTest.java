package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Log-based change capture from PostgreSQL (pgoutput) through the server: a snapshot under a concurrent writer that
 * hands over to the stream at one LSN, changes applied by key, a run that follows its log until stopped and resumes
 * where it stopped, a bounded run for schedules, a slot dropped behind Arus's back and the resync after it.
 */
class ChangeCaptureTest {
    private static final List<String> ENDED = List.of("succeeded", "succeeded_with_warnings", "failed", "cancelled",
            "interrupted");
    private static ArusServer server;
    private static String pgDestination;
    private static String clickhouse;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        pgDestination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        clickhouse = DatabasePipelineTest.create("/api/destinations", "clickhouse", ClickHouseTest.clickhouseConfig());
    }

    @Test
    void aFollowingRunSnapshotsUnderAConcurrentWriterStreamsEveryChangeAndResumesAfterAStop() throws Exception {
        String table = "ci" + shortId();
        String schema = "cdc_src_" + table;
        String stream = schema + "." + table;
        createTable(stream, 100_000);
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "cdc_dst_" + table;
        String pipeline = pipeline(source, pgDestination, stream, target, "never");

        // 10,000 inserts, updates and deletes in 100 transactions while the snapshot is read
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> randomChanges(stream, 100, 100, 1));
        String run = start(pipeline);
        writer.get(3, TimeUnit.MINUTES);
        // then 50,000 changes while the run streams: big statements and many small transactions
        Sql.postgres("arus_test", "UPDATE " + stream + " SET amount = amount + 1, name = name || '+' WHERE id % 5 = 0;"
                + " DELETE FROM " + stream + " WHERE id % 11 = 3;"
                + " INSERT INTO " + stream + " SELECT g, 'late ' || g, g / 100.0 FROM generate_series(200001, 220000) g;");
        randomChanges(stream, 10, 100, 2);
        awaitEqual(stream, target + "." + table);

        JsonNode running = server.json("/api/runs/" + run);
        assertThat(running.path("status").asText()).as(running.toString()).isEqualTo("running");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) - count(DISTINCT id) FROM " + target + "." + table).trim())
                .as("no duplicate keys").isEqualTo("0");
        String slot = slotOf(table);
        assertThat(Sql.postgres("arus_test", "SELECT confirmed_flush_lsn <= pg_current_wal_lsn() AND plugin = 'pgoutput'"
                + " FROM pg_replication_slots WHERE slot_name = '" + slot + "'").trim()).isEqualTo("t");

        // a table added to the running pipeline (the console PUTs back what GET answered, plus the stream) is
        // snapshotted and followed while the first stream goes on
        String added = "ca" + table.substring(2);
        String addedStream = schema + "." + added;
        createTable(addedStream, 20_000);
        com.fasterxml.jackson.databind.node.ObjectNode edited = (com.fasterxml.jackson.databind.node.ObjectNode)
                server.json("/api/pipelines/" + pipeline);
        ((com.fasterxml.jackson.databind.node.ArrayNode) edited.path("streams")).addObject()
                .put("name", addedStream).put("sync_mode", "cdc");
        HttpResponse<String> put = server.send("PUT", "/api/pipelines/" + pipeline,
                ArusServer.JSON.writeValueAsString(edited), server.adminToken());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        CompletableFuture<Void> both = CompletableFuture.runAsync(() -> {
            randomChanges(stream, 10, 50, 4);
            randomChanges(addedStream, 10, 50, 5);
        });
        both.get(3, TimeUnit.MINUTES);
        awaitEqual(addedStream, target + "." + added);
        awaitEqual(stream, target + "." + table);
        assertThat(server.json("/api/runs/" + run).path("status").asText()).as("the same run goes on").isEqualTo("running");
        String addedSlot = slotOf(added);

        stop(run);
        Sql.postgres("arus_test", "UPDATE " + stream + " SET name = 'while stopped' WHERE id % 97 = 1;"
                + " DELETE FROM " + stream + " WHERE id % 89 = 2;");
        String again = start(pipeline);
        awaitEqual(stream, target + "." + table);
        JsonNode resumed = server.json("/api/runs/" + again);
        assertThat(resumed.path("streams").get(0).path("rows_read").asLong()).as("resumed at the stored LSN, no new"
                + " snapshot").isLessThan(20_000);
        stop(again);

        HttpResponse<String> deleted = server.send("DELETE", "/api/pipelines/" + pipeline, null, server.adminToken());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM pg_replication_slots WHERE slot_name IN ('" + slot
                + "', '" + addedSlot + "')").trim()).as("deleting the pipeline dropped its slots").isEqualTo("0");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM pg_publication WHERE pubname = '" + slot + "'").trim())
                .isEqualTo("0");
    }

    @Test
    void aSlotDroppedBehindArusBackFailsTheRunWithTheResyncToDoAndTheResyncEndsEqual() throws Exception {
        String table = "cs" + shortId();
        String stream = "cdc_src_" + table + "." + table;
        createTable(stream, 5_000);
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "cdc_dst_" + table;
        String pipeline = pipeline(source, pgDestination, stream, target, "current");

        JsonNode first = server.runToEnd(pipeline);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(checksum(target + "." + table)).isEqualTo(checksum(stream));
        Sql.postgres("arus_test", "UPDATE " + stream + " SET name = 'changed' WHERE id % 3 = 0;");
        JsonNode bounded = server.runToEnd(pipeline);
        assertThat(bounded.path("status").asText()).as(bounded.toString()).isEqualTo("succeeded");
        assertThat(checksum(target + "." + table)).as("a bounded run drains to the position found at start")
                .isEqualTo(checksum(stream));

        Sql.postgres("arus_test", "SELECT pg_drop_replication_slot('" + slotOf(table) + "')");
        Sql.postgres("arus_test", "DELETE FROM " + stream + " WHERE id % 4 = 0; UPDATE " + stream
                + " SET name = 'lost' WHERE id % 5 = 0;");
        JsonNode lost = server.runToEnd(pipeline);
        assertThat(lost.path("status").asText()).as(lost.toString()).isEqualTo("failed");
        assertThat(lost.path("error").asText()).as(lost.toString()).containsIgnoringCase("resync");

        HttpResponse<String> reset = server.send("DELETE", "/api/pipelines/" + pipeline + "/state", null,
                server.adminToken());
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        JsonNode resync = server.runToEnd(pipeline);
        assertThat(resync.path("status").asText()).as(resync.toString()).isEqualTo("succeeded");
        assertThat(checksum(target + "." + table)).as("rows deleted while no slot ran are gone too")
                .isEqualTo(checksum(stream));
        server.send("DELETE", "/api/pipelines/" + pipeline, null, server.adminToken());
    }

    @Test
    void aColumnAddedWhileTheRunFollowsTheLogIsAddedToTheDestinationAndFilled() throws Exception {
        String table = "cn" + shortId();
        String stream = "cdc_src_" + table + "." + table;
        createTable(stream, 2_000);
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "cdc_dst_" + table;
        String pipeline = pipeline(source, pgDestination, stream, target, "never");
        String run = start(pipeline);
        awaitEqual(stream, target + "." + table);

        Sql.postgres("arus_test", "ALTER TABLE " + stream + " ADD COLUMN note text;"
                + " UPDATE " + stream + " SET note = 'note ' || id WHERE id % 10 = 0;"
                + " INSERT INTO " + stream + " SELECT g, 'added ' || g, 1, 'fresh' FROM generate_series(5001, 5100) g;");
        String expected = Sql.postgres("arus_test", "SELECT count(*) || ' ' || count(note) || ' ' || sum(length(note))"
                + " FROM " + stream).trim();
        String actual = "";
        for (int i = 0; i < 240 && !expected.equals(actual); i++) {
            Thread.sleep(500);
            actual = Sql.postgres("arus_test", "SELECT CASE WHEN EXISTS (SELECT 1 FROM information_schema.columns WHERE"
                    + " table_schema = '" + target + "' AND table_name = '" + table + "' AND column_name = 'note')"
                    + " THEN (SELECT count(*) || ' ' || count(note) || ' ' || sum(length(note)) FROM " + target + "."
                    + table + ") ELSE '' END").trim();
        }
        assertThat(actual).as("the new column arrived with its values").isEqualTo(expected);
        assertThat(checksum(target + "." + table)).isEqualTo(checksum(stream));
        assertThat(server.json("/api/runs/" + run).path("status").asText()).as("the same run goes on").isEqualTo("running");
        assertThat(server.get("/api/runs/" + run + "/logs").body()).contains("columns changed during change capture");

        // large values stored out of line (TOAST), then updates that leave them alone: pgoutput sends them as
        // unchanged, without the value, and the destination must keep them
        Sql.postgres("arus_test", "UPDATE " + stream + " SET note = (SELECT string_agg(md5(random()::text || g), '')"
                + " FROM generate_series(1, 300) g WHERE g > id % 2) WHERE id % 100 = 0;");
        Sql.postgres("arus_test", "UPDATE " + stream + " SET name = 'renamed ' || id WHERE id % 50 = 0;");
        String toasted = "SELECT count(*) || ' ' || md5(string_agg(id || ':' || name || ':' || coalesce(note, '~'), ','"
                + " ORDER BY id)) FROM ";
        String expectedToasted = Sql.postgres("arus_test", toasted + stream).trim();
        String actualToasted = "";
        for (int i = 0; i < 240 && !expectedToasted.equals(actualToasted); i++) {
            Thread.sleep(500);
            actualToasted = Sql.postgres("arus_test", toasted + target + "." + table).trim();
        }
        assertThat(actualToasted).as("TOASTed values an update left unchanged are kept").isEqualTo(expectedToasted);
        stop(run);
        server.send("DELETE", "/api/pipelines/" + pipeline, null, server.adminToken());
    }

    @Test
    void postgresToClickHouseAppliesChangesByPositionWithTombstonesForDeletes() throws Exception {
        String table = "ch" + shortId();
        String stream = "cdc_src_" + table + "." + table;
        createTable(stream, 100_000);
        String source = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "cdc_ch_" + table;
        String pipeline = pipeline(source, clickhouse, stream, target, "never");

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> randomChanges(stream, 100, 100, 3));
        String run = start(pipeline);
        writer.get(3, TimeUnit.MINUTES);
        Sql.postgres("arus_test", "UPDATE " + stream + " SET amount = amount * 2 WHERE id % 3 = 0;"
                + " DELETE FROM " + stream + " WHERE id % 7 = 1;"
                + " INSERT INTO " + stream + " SELECT g, 'late ' || g, g / 10.0 FROM generate_series(300001, 305000) g;");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String expected = pgSummary(stream);
        String actual = "";
        while (System.nanoTime() < deadline && !expected.equals(actual)) {
            Thread.sleep(1000);
            actual = Sql.clickhouse("SELECT concat(toString(count()), '|', toString(sum(id)), '|', toString(sum(amount)),"
                    + " '|', toString(sum(lengthUTF8(name)))) FROM `" + target + "`.`" + table + "` FINAL"
                    + " WHERE _arus_deleted = 0").trim();
        }
        assertThat(actual).as("ClickHouse FINAL without tombstones equals the source").isEqualTo(expected);
        assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "`.`" + table + "` FINAL WHERE _arus_deleted = 1")
                .trim()).as("deletes are tombstones").isNotEqualTo("0");
        stop(run);
        server.send("DELETE", "/api/pipelines/" + pipeline, null, server.adminToken());
    }

    @Test
    void mariaDbToPostgresSnapshotsUnderAConcurrentWriterAndFollowsTheBinlog() throws Exception {
        String database = "cdc_maria_" + shortId();
        Sql.mariadb("arus_test", "CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
        Sql.mariadb(database, "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(100), amount DECIMAL(12,2));"
                + " INSERT INTO items SELECT seq, CONCAT('row ', seq, ' ✓'), (seq * 37 % 100000) / 100"
                + " FROM seq_1_to_100000;");
        String source = DatabasePipelineTest.create("/api/sources", "mariadb", new LinkedHashMap<>(Map.of("host",
                "127.0.0.1", "port", 3306, "database", database, "username", "arus_cdc", "password", "arus")));
        String target = "cdc_dst_" + database;
        String pipeline = pipeline(source, pgDestination, database + ".items", target, "never");

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> mariaChanges(database, 100, 100, 6));
        String run = start(pipeline);
        writer.get(3, TimeUnit.MINUTES);
        Sql.mariadb(database, "UPDATE items SET amount = amount + 1, name = CONCAT(name, '+') WHERE id % 5 = 0;"
                + " DELETE FROM items WHERE id % 11 = 3;"
                + " INSERT INTO items SELECT seq, CONCAT('late ', seq), seq / 100 FROM seq_200001_to_220000;");
        mariaChanges(database, 10, 100, 7);
        String expected = Sql.mariadb(database, "SELECT CONCAT_WS(' ', COUNT(*), SUM(id), SUM(amount),"
                + " SUM(CHAR_LENGTH(name))) FROM items").trim();
        String actual = "";
        for (int i = 0; i < 240 && !expected.equals(actual); i++) {
            Thread.sleep(500);
            actual = Sql.postgres("arus_test", "SELECT CASE WHEN to_regclass('" + target + ".items') IS NULL THEN ''"
                    + " ELSE (SELECT concat_ws(' ', count(*), sum(id), sum(amount), sum(char_length(name)))"
                    + " FROM " + target + ".items) END").trim();
        }
        assertThat(actual).as("PostgreSQL equals MariaDB: count, sums of ids, amounts and name lengths").isEqualTo(expected);
        assertThat(Sql.postgres("arus_test", "SELECT md5(string_agg(concat_ws('|', id, name, amount), E'\\n' ORDER BY id))"
                + " FROM " + target + ".items").trim()).as("row checksums")
                .isEqualTo(Sql.mariadb(database, "SELECT MD5(GROUP_CONCAT(CONCAT_WS('|', id, name, amount) ORDER BY id"
                        + " SEPARATOR '\\n')) FROM items").trim());
        assertThat(Sql.postgres("arus_test", "SELECT count(*) - count(DISTINCT id) FROM " + target + ".items").trim())
                .as("no duplicate keys").isEqualTo("0");
        assertThat(server.json("/api/runs/" + run).path("status").asText()).isEqualTo("running");
        JsonNode feed = server.json("/api/pipelines/" + pipeline + "/state").path("change_feeds").path(database + ".items");
        assertThat(feed.path("position_available").asBoolean()).as(feed.toString()).isTrue();
        assertThat(feed.path("behind_bytes").isNumber()).as(feed.toString()).isTrue();
        assertThat(feed.path("binlog_file").asText()).as(feed.toString()).isNotEmpty();
        stop(run);
        server.send("DELETE", "/api/pipelines/" + pipeline, null, server.adminToken());
        Sql.mariadb("arus_test", "DROP DATABASE " + database);
    }

    private static void mariaChanges(String database, int transactions, int changesEach, long seed) {
        Random random = new Random(seed);
        try {
            for (int t = 0; t < transactions; t++) {
                StringBuilder sql = new StringBuilder("START TRANSACTION;");
                for (int c = 0; c < changesEach; c++) {
                    long id = 1 + random.nextInt(100_000);
                    switch (random.nextInt(3)) {
                        case 0 -> sql.append(" INSERT INTO items VALUES (").append(1_000_000L * seed + t * 1000L + c)
                                .append(", 'new', 1.5);");
                        case 1 -> sql.append(" UPDATE items SET name = 'upd ").append(t)
                                .append("', amount = amount + 0.01 WHERE id = ").append(id).append(';');
                        default -> sql.append(" DELETE FROM items WHERE id = ").append(id).append(';');
                    }
                }
                Sql.mariadb(database, sql.append(" COMMIT;").toString());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createTable(String stream, int rows) throws Exception {
        String schema = stream.substring(0, stream.indexOf('.'));
        Sql.postgres("arus_test", "CREATE SCHEMA IF NOT EXISTS " + schema + "; CREATE TABLE " + stream + " (id bigint PRIMARY KEY,"
                + " name text, amount numeric(12,2)); INSERT INTO " + stream + " SELECT g, 'row ' || g || ' ✓',"
                + " (g * 37 % 100000) / 100.0 FROM generate_series(1, " + rows + ") g;");
    }

    /** Transactions of single-row inserts (new ids), updates and deletes of random rows. */
    private static void randomChanges(String stream, int transactions, int changesEach, long seed) {
        Random random = new Random(seed);
        try {
            for (int t = 0; t < transactions; t++) {
                StringBuilder sql = new StringBuilder("BEGIN;");
                for (int c = 0; c < changesEach; c++) {
                    long id = 1 + random.nextInt(100_000);
                    switch (random.nextInt(3)) {
                        case 0 -> sql.append(" INSERT INTO ").append(stream).append(" VALUES (")
                                .append(1_000_000L * seed + t * 1000L + c).append(", 'new', 1.5);");
                        case 1 -> sql.append(" UPDATE ").append(stream).append(" SET name = 'upd ").append(t)
                                .append("', amount = amount + 0.01 WHERE id = ").append(id).append(';');
                        default -> sql.append(" DELETE FROM ").append(stream).append(" WHERE id = ").append(id)
                                .append(';');
                    }
                }
                Sql.postgres("arus_test", sql.append(" COMMIT;").toString());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** count and an md5 over every row in key order: equal only when both tables hold the same rows. */
    private static String checksum(String table) throws Exception {
        return Sql.postgres("arus_test", "SELECT count(*) || ' ' || coalesce(md5(string_agg(id || ':' || coalesce(name, '~')"
                + " || ':' || coalesce(amount::text, '~'), ',' ORDER BY id)), '') FROM " + table).trim();
    }

    private static String pgSummary(String table) throws Exception {
        return Sql.postgres("arus_test", "SELECT concat_ws('|', count(*), sum(id), sum(amount), sum(char_length(name)))"
                + " FROM " + table).trim();
    }

    private static void awaitEqual(String source, String destination) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String expected = checksum(source);
        String actual = "";
        while (System.nanoTime() < deadline) {
            actual = Sql.postgres("arus_test", "SELECT to_regclass('" + destination + "') IS NOT NULL").trim().equals("t")
                    ? checksum(destination) : "";
            if (expected.equals(actual)) {
                return;
            }
            Thread.sleep(500);
        }
        assertThat(actual).as(destination + " equals " + source).isEqualTo(expected);
    }

    private static String slotOf(String table) throws Exception {
        String slot = Sql.postgres("arus_test", "SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE 'arus\\_"
                + table + "\\_%'").trim();
        assertThat(slot).as("the pipeline's replication slot").isNotEmpty().doesNotContain("\n");
        return slot;
    }

    private static String start(String pipeline) throws Exception {
        HttpResponse<String> started = server.send("POST", "/api/pipelines/" + pipeline + "/runs", null,
                server.adminToken());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return ArusServer.JSON.readTree(started.body()).path("run_id").asText();
    }

    private static void stop(String run) throws Exception {
        HttpResponse<String> cancel = server.send("POST", "/api/runs/" + run + "/cancel", null, server.adminToken());
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        server.awaitJson("/api/runs/" + run, Duration.ofSeconds(60), r -> ENDED.contains(r.path("status").asText()),
                "run " + run + " should stop");
        assertThat(server.json("/api/runs/" + run).path("status").asText()).isEqualTo("cancelled");
    }

    private static String pipeline(String source, String destination, String stream, String target, String until)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "cdc-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("batch_size", 5000);
        body.put("streams", List.of(Map.of("name", stream, "sync_mode", "cdc")));
        body.put("cdc", Map.of("until", until));
        return server.create("/api/pipelines", body);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.ConflictException;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.Role;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the schema comes to be and survives restarts, on the database of the subclass. */
abstract class MigrationContract extends DatabaseTest {
    @Test
    void appliesEveryScriptToAnEmptyDatabase(@TempDir Path directory) {
        try (TestDatabase empty = TestDatabase.create(dialect(), directory)) {
            assertThatThrownBy(() -> empty.queryLong("SELECT COUNT(*) FROM users"))
                    .hasMessageContaining("users");

            try (MetadataPersistence opened = empty.open()) {
                assertThat(opened.schemaVersion()).isEqualTo(Migrator.MIGRATIONS.size());
            }

            assertThat(empty.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE)).isEqualTo(Migrator.MIGRATIONS.size());
            assertThat(empty.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE
                    + " WHERE version = 1 AND description = 'metadata' AND applied_at IS NOT NULL")).isEqualTo(1);
            assertThat(empty.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE
                    + " WHERE version = 2 AND description = 'run_stream_checks' AND applied_at IS NOT NULL"))
                    .isEqualTo(1);
            assertThat(empty.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE
                    + " WHERE version = 3 AND description = 'scheduler' AND applied_at IS NOT NULL")).isEqualTo(1);
            assertThat(empty.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE
                    + " WHERE version = 5 AND description = 'run_results' AND applied_at IS NOT NULL")).isEqualTo(1);
            // Quartz names its tables in upper case without quotes: both dialects must fold that to ours
            for (String quartzTable : List.of("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_CRON_TRIGGERS",
                    "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_CALENDARS",
                    "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_FIRED_TRIGGERS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS")) {
                assertThat(empty.queryLong("SELECT COUNT(*) FROM " + quartzTable)).as(quartzTable).isZero();
            }
            for (String table : TestDatabase.TABLES) {
                assertThat(empty.queryLong("SELECT COUNT(*) FROM " + table)).as(table).isZero();
            }
        }
    }

    @Test
    void rerunningTheMigrationsChangesNothing() throws SQLException {
        Migrator again = new Migrator(database.dataSource(), dialect(), getClass().getClassLoader());

        assertThat(again.migrate()).isZero();
        assertThat(again.migrate()).isZero();
        assertThat(persistence.schemaVersion()).isEqualTo(Migrator.MIGRATIONS.size());
        assertThat(database.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE)).isEqualTo(Migrator.MIGRATIONS.size());
    }

    @Test
    void dataSurvivesClosingAndReopeningTheStore() throws ConflictException {
        String id = new JpaUserStore(persistence, clock).create("alice", "hash", Role.ADMIN).id();
        new JpaSettingsStore(persistence).put("greeting", "hello");
        String token = new JpaApiTokenStore(persistence, clock).create(id, "ci", "arus_abc", "f00d", null).id();
        String source = new JpaConnectionStore(persistence, clock)
                .create(ConnectionKind.SOURCE, "crm", "postgresql", Map.of("host", "db", "password", "enc:v1:x"), "alice").id();
        String destination = new JpaConnectionStore(persistence, clock)
                .create(ConnectionKind.DESTINATION, "warehouse", "clickhouse", Map.of("port", 8123), "alice").id();

        persistence.close();
        persistence = database.open();

        assertThat(new JpaUserStore(persistence, clock).byUsername("ALICE").orElseThrow().id()).isEqualTo(id);
        assertThat(new JpaApiTokenStore(persistence, clock).byHash("f00d").orElseThrow().id()).isEqualTo(token);
        JpaConnectionStore connections = new JpaConnectionStore(persistence, clock);
        assertThat(connections.byId(ConnectionKind.SOURCE, source).orElseThrow().config())
                .containsEntry("password", "enc:v1:x");
        assertThat(connections.byId(ConnectionKind.DESTINATION, destination).orElseThrow().config())
                .containsEntry("port", 8123);
        assertThat(new JpaSettingsStore(persistence).get("greeting")).contains("hello");
        assertThat(persistence.schemaVersion()).isEqualTo(Migrator.MIGRATIONS.size());
        assertThat(database.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE)).isEqualTo(Migrator.MIGRATIONS.size());
    }

    @Test
    void upgradesADatabaseAVersion1ServerLeftKeepingItsRuns(@TempDir Path directory) throws SQLException {
        try (TestDatabase old = TestDatabase.create(dialect(), directory)) {
            new Migrator(old.dataSource(), dialect(), getClass().getClassLoader(), Migrator.MIGRATIONS.subList(0, 1))
                    .migrate();
            old.execute("INSERT INTO sources (id, name, type, config, created_at, updated_at)"
                    + " VALUES ('s', 'crm', 'postgresql', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            old.execute("INSERT INTO destinations (id, name, type, config, created_at, updated_at)"
                    + " VALUES ('d', 'dwh', 'clickhouse', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            old.execute("INSERT INTO pipelines (id, name, source_id, destination_id, definition, enabled,"
                    + " created_at, updated_at)"
                    + " VALUES ('p', 'orders', 's', 'd', '{}', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            old.execute("INSERT INTO runs (id, pipeline_id, status, trigger, created_at)"
                    + " VALUES ('r', 'p', 'succeeded', 'manual', CURRENT_TIMESTAMP)");
            old.execute("INSERT INTO run_streams (run_id, stream, status, rows_read, rows_written, rows_rejected,"
                    + " bytes, duration_ms) VALUES ('r', 'public.orders', 'succeeded', 7, 7, 0, 70, 1)");

            try (MetadataPersistence upgraded = old.open()) {
                assertThat(upgraded.schemaVersion()).isEqualTo(Migrator.MIGRATIONS.size());
                assertThat(new JpaRunStore(upgraded, clock).streams("r")).containsExactly(
                        new RunStream("r", "public.orders", RunStatus.SUCCEEDED, 7, 7, 0, 70, 1, null, null));
            }
        }
    }

    @Test
    void describesTheDatabaseWithoutCredentialsAndLendsItsPool() throws SQLException {
        assertThat(persistence.dialect()).isEqualTo(dialect().id());
        try (java.sql.Connection connection = persistence.dataSource().getConnection()) {
            assertThat(Migrator.currentVersion(connection)).isEqualTo(Migrator.MIGRATIONS.size());
        }
        assertThat(persistence.url()).startsWith("jdbc:" + dialect().id() + ":").doesNotContain("password");
    }
}

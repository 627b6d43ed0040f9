package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.ConflictException;
import io.arus.core.store.Role;
import java.nio.file.Path;
import java.sql.SQLException;
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
                assertThat(opened.schemaVersion()).isEqualTo(1);
            }

            assertThat(empty.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE)).isEqualTo(1);
            assertThat(empty.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE
                    + " WHERE version = 1 AND description = 'metadata' AND applied_at IS NOT NULL")).isEqualTo(1);
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
        assertThat(persistence.schemaVersion()).isEqualTo(1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE)).isEqualTo(1);
    }

    @Test
    void dataSurvivesClosingAndReopeningTheStore() throws ConflictException {
        String id = new JpaUserStore(persistence, clock).create("alice", "hash", Role.ADMIN).id();
        new JpaSettingsStore(persistence).put("greeting", "hello");

        persistence.close();
        persistence = database.open();

        assertThat(new JpaUserStore(persistence, clock).byUsername("ALICE").orElseThrow().id()).isEqualTo(id);
        assertThat(new JpaSettingsStore(persistence).get("greeting")).contains("hello");
        assertThat(persistence.schemaVersion()).isEqualTo(1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE)).isEqualTo(1);
    }

    @Test
    void describesTheDatabaseWithoutCredentials() {
        assertThat(persistence.dialect()).isEqualTo(dialect().id());
        assertThat(persistence.url()).startsWith("jdbc:" + dialect().id() + ":").doesNotContain("password");
    }
}

package io.arus.core.store.internal;

import io.arus.core.store.fixture.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that run once on H2 and once on PostgreSQL: the subclass says which. One migrated database per
 * test class, emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseTest {
    /** A start time with microseconds, to show they survive. */
    static final Instant START = Instant.parse("2025-03-30T00:59:59.123456Z");

    TestDatabase database;
    MetadataPersistence persistence;
    final TestClock clock = new TestClock(START);

    /** @return the database this run of the tests uses */
    abstract Dialect dialect();

    @BeforeAll
    void openDatabase(@TempDir Path directory) {
        database = TestDatabase.create(dialect(), directory);
        persistence = database.open();
    }

    @BeforeEach
    void emptyTables() {
        database.clear();
    }

    @AfterAll
    void closeDatabase() {
        if (persistence != null) {
            persistence.close();
        }
        if (database != null) {
            database.close();
        }
    }
}

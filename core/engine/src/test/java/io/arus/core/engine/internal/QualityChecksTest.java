package io.arus.core.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.QualityCheckSettings;
import io.arus.core.engine.QualityCheckSettings.Action;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class QualityChecksTest {
    private static final StreamId SOURCE = StreamId.parse("public.t");
    private static final StreamId TARGET = new StreamId("analytics", "t");

    /** A session that counts a fixed number of rows, each key once. */
    private static ConnectorSession counting(long rows) {
        return profiling(stream -> new StreamProfile(rows, rows, Map.of()));
    }

    /** A session whose counts of a stream are {@code profile}'s. */
    private static ConnectorSession profiling(Function<StreamId, StreamProfile> profile) {
        return new ConnectorSession() {
            @Override
            public CheckResult check() {
                return CheckResult.ok("up");
            }

            @Override
            public StreamProfile profile(StreamId stream, List<String> keyColumns, List<String> nullColumns,
                                         String excludeWhereSet) {
                return profile.apply(stream);
            }

            @Override
            public void close() {
            }
        };
    }

    private static StreamPlan plan(SyncMode mode) {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        return new StreamPlan(new StreamDescriptor(SOURCE, schema, List.of("id"), List.of(), 100), mode,
                mode == SyncMode.INCREMENTAL ? "id" : null, List.of("id"), null,
                mode == SyncMode.INCREMENTAL ? WriteMode.UPSERT : WriteMode.REPLACE, List.of());
    }

    @Test
    void withoutStepsTheCountsMustBeEqual() {
        QualityChecks.Outcome equal = QualityChecks.run(QualityCheckSettings.DEFAULT, plan(SyncMode.FULL_REFRESH), TARGET,
                counting(100), counting(100), null, null);
        QualityChecks.Outcome short10 = QualityChecks.run(QualityCheckSettings.DEFAULT, plan(SyncMode.FULL_REFRESH), TARGET,
                counting(100), counting(90), null, null);

        assertFalse(equal.warned(), equal.json());
        assertTrue(short10.warned(), short10.json());
        assertTrue(short10.json().contains("source 100 rows, destination 90"), short10.json());
    }

    @Test
    void aFullRefreshLeavesOutTheRowsTheStepsFiltered() {
        QualityChecks.Outcome outcome = QualityChecks.run(QualityCheckSettings.DEFAULT, plan(SyncMode.FULL_REFRESH), TARGET,
                counting(100), counting(90), null, 10L);
        QualityChecks.Outcome more = QualityChecks.run(QualityCheckSettings.DEFAULT, plan(SyncMode.FULL_REFRESH), TARGET,
                counting(100), counting(95), null, 10L);

        assertFalse(outcome.warned(), outcome.json());
        assertTrue(outcome.json().contains("source 100 rows, 10 left out by the transform steps, destination 90"),
                outcome.json());
        assertTrue(more.warned(), "5 rows more than the steps let through: " + more.json());
    }

    @Test
    void anIncrementalStreamWithStepsSkipsTheCountButNotTheKeyCheck() {
        QualityChecks.Outcome outcome = QualityChecks.run(QualityCheckSettings.DEFAULT, plan(SyncMode.INCREMENTAL), TARGET,
                counting(100), counting(70), null, 0L);

        assertFalse(outcome.warned(), outcome.json());
        assertTrue(outcome.json().contains("{\"check\":\"row_count\",\"status\":\"skipped\""), outcome.json());
        assertTrue(outcome.json().contains("{\"check\":\"unique_key\",\"status\":\"passed\""), outcome.json());
        assertEquals(2, outcome.json().split("\"check\"").length - 1, outcome.json());
    }

    @Test
    void withEveryCheckOffNeitherDatabaseIsCounted() {
        ConnectorSession refusing = profiling(stream -> {
            throw new AssertionError("counted " + stream + " with every check off");
        });
        QualityCheckSettings off = new QualityCheckSettings(Action.OFF, Action.OFF, Map.of(), Action.FAIL);

        QualityChecks.Outcome outcome = QualityChecks.run(off, plan(SyncMode.FULL_REFRESH), TARGET, refusing, refusing,
                null, null);

        assertEquals("[]", outcome.json());
        assertFalse(outcome.warned());
        assertEquals(null, outcome.failure());
    }

    @Test
    void theSourceIsCountedWhenTheStreamStartsAndTheDestinationOnceItsRowsAreIn() throws Exception {
        // the source gains a row while the stream runs: an incremental run reads up to the cursor bound taken at its
        // start, so that row is neither read nor counted
        AtomicLong sourceRows = new AtomicLong(100);
        CountDownLatch counted = new CountDownLatch(1);
        ConnectorSession source = profiling(stream -> {
            StreamProfile profile = new StreamProfile(sourceRows.get(), -1, Map.of());
            counted.countDown();
            return profile;
        });
        AtomicLong destinationCounts = new AtomicLong();
        ConnectorSession destination = profiling(stream -> {
            destinationCounts.incrementAndGet();
            return new StreamProfile(100, 100, Map.of());
        });

        QualityChecks.SourceCount count = QualityChecks.countSource(QualityCheckSettings.DEFAULT,
                plan(SyncMode.INCREMENTAL), source, null, false);
        assertTrue(counted.await(10, TimeUnit.SECONDS), "the source is counted without waiting for the checks");
        assertEquals(0, destinationCounts.get());
        sourceRows.incrementAndGet();
        QualityChecks.Outcome outcome = QualityChecks.run(QualityCheckSettings.DEFAULT, plan(SyncMode.INCREMENTAL),
                TARGET, count, destination, null);

        assertFalse(outcome.warned(), outcome.json());
        assertTrue(outcome.json().contains("source 100 rows, destination 100"), outcome.json());
        assertEquals(1, destinationCounts.get());
    }
}

package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 item 14: table lookups while other streams swap their tables in the same database, and ClickHouse's own
 * error text where the client reported only "HTTP 404" (18.16 sends no error-code header).
 */
class TableLookupTest {
    @RegisterExtension
    static final ClickHouseFixture db = new ClickHouseFixture();

    private static ClickHouseServer server() throws Exception {
        return new ClickHouseServer(ClickHouseSettings.from(db.config(Map.of())));
    }

    @Test
    void aRefusedQueryCarriesClickHousesOwnTextAndCode() throws Exception {
        try (ClickHouseServer server = server()) {
            assertThatThrownBy(() -> server.query("SELECT 1 FROM " + db.q("no_such_table"), "reading no_such_table"))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA))
                    .hasMessage("reading no_such_table: code 60: Table " + db.database + ".no_such_table doesn't exist.")
                    .hasMessageNotContaining("HTTP 404");
            assertThatThrownBy(() -> server.execute("RENAME TABLE " + db.q("gone") + " TO " + db.q("other"), "renaming gone"))
                    .hasMessageStartingWith("renaming gone: code 60: Table " + db.database + ".gone doesn't exist");
        }
    }

    @Test
    void theServersErrorBodyIsReadWhenNoErrorCodeHeaderCame() {
        ClickHouseSettings settings = new ClickHouseSettings("ch", 8123, false, "d", "arus", "s3cret-pw", 7, false, "");
        ConnectorException e = ServerFailures.refused("looking up table d.t1", 404, "Code: 60, e.displayText() = "
                + "DB::Exception: Table d.t9__arus_old doesn't exist., e.what() = DB::Exception\n", settings);
        assertThat(e.kind()).isEqualTo(Kind.SCHEMA);
        assertThat(e.getMessage()).isEqualTo("looking up table d.t1: code 60: Table d.t9__arus_old doesn't exist.");
        assertThat(ServerFailures.refused("x", 401, "Code: 192, e.displayText() = DB::Exception: Wrong password for user "
                + "arus s3cret-pw, e.what() = DB::Exception", settings).getMessage())
                .startsWith("x: ClickHouse at ch:8123 refused user arus").doesNotContain("s3cret-pw");
        assertThat(ServerFailures.refused("x", 502, "", settings).getMessage()).isEqualTo("x: HTTP 502");
    }

    @Test
    void onlyAnUnknownTableErrorAboutAnotherTableIsAskedAgain() {
        StreamId t1 = new StreamId("d", "t1");
        assertThat(TableInfo.namesAnotherTable("looking up table d.t1: code 60: Table d.t9__arus_old doesn't exist.", t1))
                .isTrue();
        assertThat(TableInfo.namesAnotherTable("looking up table d.t1: code 60: Table d.t1 doesn't exist.", t1)).isFalse();
        assertThat(TableInfo.namesAnotherTable("looking up table d.t1: code 81: Database d doesn't exist.", t1)).isFalse();
        assertThat(TableInfo.namesAnotherTable("looking up table d.t1: HTTP 404", t1)).isFalse();
    }

    @Test
    void aCatalogueQueryFailingAboutAnotherTableIsAskedAgainAfterGrowingPausesOfAtMostASecondInAll() throws Exception {
        StreamId t1 = new StreamId("d", "t1");
        List<Long> pauses = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        TableInfo.CatalogueQuery racing = () -> {
            throw new ConnectorException(Kind.SCHEMA, "looking up table d.t1: code 60: Table d.t" + attempts.incrementAndGet()
                    + "9__arus_old doesn't exist.");
        };

        assertThatThrownBy(() -> TableInfo.catalogue(racing, t1, pauses::add)).hasMessageContaining("Table d.t79__arus_old");
        assertThat(attempts).hasValue(7);
        assertThat(pauses).containsExactly(50L, 100L, 200L, 200L, 200L, 200L);
        assertThat(pauses.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(1_000);

        pauses.clear();
        AtomicInteger calls = new AtomicInteger();
        List<String[]> rows = List.<String[]>of(new String[] {"MergeTree"});
        assertThat(TableInfo.catalogue(() -> calls.incrementAndGet() < 3 ? racing.run() : rows, t1, pauses::add))
                .isSameAs(rows);
        assertThat(calls).hasValue(3);
        assertThat(pauses).as("a pause before each attempt after the first").containsExactly(50L, 100L);
    }

    @Test
    void aFailureAboutTheTableItselfOrAnInterruptedPauseEndsTheLookupAtOnce() {
        StreamId t1 = new StreamId("d", "t1");
        List<Long> pauses = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> TableInfo.catalogue(() -> {
            attempts.incrementAndGet();
            throw new ConnectorException(Kind.SCHEMA, "looking up table d.t1: code 60: Table d.t1 doesn't exist.");
        }, t1, pauses::add)).hasMessageEndingWith("Table d.t1 doesn't exist.");
        assertThat(attempts).hasValue(1);
        assertThat(pauses).isEmpty();

        try {
            assertThatThrownBy(() -> TableInfo.catalogue(() -> {
                attempts.incrementAndGet();
                throw new ConnectorException(Kind.SCHEMA, "looking up table d.t1: code 60: Table d.t9__arus_old doesn't exist.");
            }, t1, millis -> {
                throw new InterruptedException("stopping");
            })).hasMessageContaining("t9__arus_old");
            assertThat(attempts).hasValue(2);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void lookupsSucceedWhileOtherTablesOfTheDatabaseAreSwappedAndDropped() throws Exception {
        for (int t = 0; t < 30; t++) {
            db.sql("CREATE TABLE " + db.q("s" + t) + " (id UInt64, name String) ENGINE = MergeTree ORDER BY id");
        }
        db.sql("CREATE TABLE " + db.q("looked_up") + " (id UInt64, name String) ENGINE = ReplacingMergeTree ORDER BY id");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ClickHouseServer server = server()) {
            List<Future<?>> swaps = new ArrayList<>();
            for (int worker = 0; worker < 3; worker++) {
                int first = worker * 10;
                swaps.add(pool.submit(() -> {
                    TableSwap swap = new TableSwap(server);
                    for (int round = 0; round < 15; round++) {
                        for (int t = first; t < first + 10; t++) {
                            String staging = TableSwap.stagingName("s" + t);
                            server.execute("CREATE TABLE " + db.q(staging) + " (id UInt64, name String) ENGINE = MergeTree"
                                    + " ORDER BY id", "creating " + staging);
                            swap.swap(db.table("s" + t), db.table(staging));
                        }
                    }
                    return null;
                }));
            }
            int lookups = 0;
            while (swaps.stream().anyMatch(f -> !f.isDone())) {
                TableInfo info = TableInfo.read(server, db.table("looked_up")).orElseThrow();
                assertThat(info.engine()).isEqualTo("ReplacingMergeTree");
                assertThat(info.columns()).containsOnlyKeys("id", "name");
                assertThat(TableInfo.read(server, db.table("not_there"))).isEmpty();
                lookups++;
            }
            for (Future<?> swap : swaps) {
                swap.get();
            }
            assertThat(lookups).isGreaterThan(10);
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.arus.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.LogicalType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keyset reading, resuming, incremental bounds, discovery and check against the real server: every SQL source
 * passes these. A dialect supplies the SQL that makes each test's data and the messages its server answers.
 */
public abstract class ReaderContract extends SessionContract {
    /** Creates {@code table} (id bigint key, updated_at NOT NULL, v text) with ids 1..10000, all at 2024-01-01 UTC. */
    protected abstract String[] tenThousandRowsAtOneInstant(String table);

    /** Creates {@code table} (a int, b text, v int, key (a, b)) with v 1..2500, a = v % 7, b = 'k' || v. */
    protected abstract String[] compositeKeyRows(String table);

    /** The statement creating {@code table} (id int key, status text, updated_at a nullable instant). */
    protected abstract String ordersTable(String table);

    /** The current time, as a statement's timestamp with microseconds. */
    protected abstract String now();

    /** An hour before {@link #now()}. */
    protected abstract String anHourAgo();

    /** The wall clock when the expression runs, later than {@link #now()} of a transaction already begun. */
    protected abstract String clock();

    /** Creates {@code table} (id int key, updated_at timestamp) with id 1..100 at 2024-01-01 00:00 plus id minutes. */
    protected abstract String[] rowsAMinuteApart(String table);

    /** Creates {@code table} (v int, updated_at date), no key, v 1..95 dated 2024-01-01 plus v / 10 days. */
    protected abstract String[] unkeyedRowsTenPerDate(String table);

    /**
     * Creates {@code table} (tenant int, id bigint, name varchar(40) NOT NULL, created_at, updated_at instants,
     * birthday date, key (tenant, id)), {@code view} (id, name) over it, 50 rows, and refreshes the statistics.
     */
    protected abstract String[] customersAndAView(String table, String view);

    /**
     * Creates {@code table} (id bigint key, v text) with 20,000 ids 1..20000 and 20,000 ids 1000000001..1000020000
     * (keys that evenly spaced ranges would cut badly), and refreshes the statistics.
     */
    protected abstract String[] skewedKeys(String table);

    /** Checks the row estimate discovery gave for the 50 customers. */
    protected abstract void assertEstimateOfFiftyRows(long estimate);

    /** The native type discovery names for varchar(40). */
    protected abstract String varchar40();

    /** Whether a namespace is the server's own catalog, which discovery must leave out. */
    protected abstract boolean isSystemNamespace(String namespace);

    /** The pattern of a successful check's message. */
    protected abstract String serverVersionPattern();

    /** The configuration changes the server refuses to log in with; the password among them must not leak. */
    protected abstract Map<String, Object> refusedLogin(String password);

    /** What the check says when the login of {@link #refusedLogin} is refused. */
    protected abstract String refusedLoginMessage();

    /** What the check says when nothing listens on 127.0.0.1:1. */
    protected abstract String unreachableMessage();

    @Test
    void splitsCutSkewedKeysIntoEvenRangesThatCoverEveryRowOnce() throws Exception {
        db.sql(skewedKeys(db.q("skewed")));
        StreamId table = db.table("skewed");
        ReadRequest request = ReadRequest.builder(table).batchSize(1000).build();
        List<Split> splits = fourSplits(request);
        List<Long> all = new ArrayList<>();
        for (Split split : splits) {
            List<Long> ids = readSplit(request, split);
            // quantiles of a sample, not of the key's span: each range holds about a quarter of the rows
            assertThat(ids.size()).as("rows of %s", split).isBetween(5_000, 15_000);
            all.addAll(ids);
        }
        assertThat(all).hasSize(40_000).doesNotHaveDuplicates();
        assertThat(all).contains(1L, 20_000L, 1_000_000_001L, 1_000_020_000L);

        // a split resumed from a stored position reads the rest of its range, not beyond it
        Split second = splits.get(1);
        List<Long> whole = readSplit(request, second);
        List<Long> resumed = new ArrayList<>();
        Offset offset;
        try (StreamReader reader = session.openReader(request, second, DatabaseFixture.context(table))) {
            RecordBatch first = reader.poll();
            first.rows().forEach(row -> resumed.add((Long) row[0]));
            offset = first.offsetAfter();
        }
        ReadRequest rest = ReadRequest.builder(table).batchSize(1000).startOffset(offset).build();
        resumed.addAll(readSplit(rest, second));
        assertThat(resumed).isEqualTo(whole);
    }

    @Test
    void splitsOfACompositeKeyRangeOverItsFirstColumnAndCoverEveryRowOnce() throws Exception {
        db.sql(compositeKeyRows(db.q("composite_split")));
        db.sql(analyze(db.q("composite_split")));
        StreamId table = db.table("composite_split");
        ReadRequest request = ReadRequest.builder(table).batchSize(300).build();
        List<Split> splits = session.splits(request, 3);
        assertThat(splits).hasSizeBetween(2, 3);
        assertThat(splits.get(0).bounds()).containsEntry("column", "a");
        List<Integer> values = new ArrayList<>();
        for (Split split : splits) {
            try (StreamReader reader = session.openReader(request, split, DatabaseFixture.context(table))) {
                for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                    batch.rows().forEach(row -> values.add((Integer) row[2]));
                }
            }
        }
        assertThat(values).hasSize(2500).doesNotHaveDuplicates();
    }

    @Test
    void aTableWithoutStatisticsIsCountedAndSplitToo() throws Exception {
        db.sql(tenThousandRowsAtOneInstant(db.q("no_statistics")));
        ReadRequest request = ReadRequest.builder(db.table("no_statistics")).batchSize(1000).build();
        List<Long> all = new ArrayList<>();
        for (Split split : fourSplits(request)) {
            all.addAll(readSplit(request, split));
        }
        assertThat(all).hasSize(10_000).doesNotHaveDuplicates();
    }

    @Test
    void smallTablesAndIncrementalReadsAreReadWhole() throws Exception {
        db.sql(tenThousandRowsAtOneInstant(db.q("not_split")));
        db.sql(analyze(db.q("not_split")));
        StreamId table = db.table("not_split");
        // 10,000 rows are fewer than two batches of 10,000
        assertThat(session.splits(ReadRequest.builder(table).batchSize(10_000).build(), 4)).containsExactly(Split.WHOLE);
        assertThat(session.splits(ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                .batchSize(100).build(), 4)).containsExactly(Split.WHOLE);
        assertThat(session.splits(ReadRequest.builder(table).batchSize(100).build(), 1)).containsExactly(Split.WHOLE);
    }

    /** The statement that refreshes a table's statistics (its row estimate). */
    protected abstract String analyze(String table);

    /** @return the four splits the session cuts the request's table into, with distinct ids */
    private List<Split> fourSplits(ReadRequest request) throws Exception {
        List<Split> splits = session.splits(request, 4);
        assertThat(splits).hasSize(4);
        assertThat(splits.stream().map(Split::id)).doesNotHaveDuplicates();
        return splits;
    }

    private List<Long> readSplit(ReadRequest request, Split split) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (StreamReader reader = session.openReader(request, split, DatabaseFixture.context(request.stream()))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batch.rows().forEach(row -> ids.add((Long) row[0]));
            }
        }
        return ids;
    }

    @Test
    void tenThousandRowsSharingOneCursorValueArriveOnceWhenResumingFromEveryBatch() throws Exception {
        db.sql(tenThousandRowsAtOneInstant(db.q("same_ts")));
        StreamId table = db.table("same_ts");
        // in cursor order (a run after the first): pages whose boundaries fall inside one cursor value
        FreshReads inCursorOrder = readWithAFreshReaderPerBatch(table,
                Offset.of(Map.of("cursor", "2023-12-31T00:00:00Z", "pk", List.of(0L))));
        assertThat(inCursorOrder.ids).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(inCursorOrder.batches).isEqualTo(10);
        assertThat(inCursorOrder.offset.values()).containsEntry("cursor", "2024-01-01T00:00:00Z")
                .containsEntry("pk", List.of(10000L));
        // a first run, by key: the same rows once, and it ends at the same place
        FreshReads first = readWithAFreshReaderPerBatch(table, null);
        assertThat(first.ids).hasSize(10_000).doesNotHaveDuplicates().isSorted();
        assertThat(first.batches).isEqualTo(10);
        assertThat(first.offset.values()).containsEntry("cursor", "2024-01-01T00:00:00Z")
                .containsEntry("pk", List.of(10000L)).doesNotContainKey("until");
    }

    /** What a reader per batch read: the worst case of a run killed after every flush. */
    private record FreshReads(List<Long> ids, int batches, Offset offset) {
    }

    private FreshReads readWithAFreshReaderPerBatch(StreamId table, Offset from) throws Exception {
        List<Long> ids = new ArrayList<>();
        Offset offset = from;
        int batches = 0;
        while (true) {
            ReadRequest request = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                    .primaryKey(List.of("id")).batchSize(1000).startOffset(offset).build();
            try (StreamReader reader = session.openReader(request, Split.WHOLE, DatabaseFixture.context(table))) {
                RecordBatch batch = reader.poll();
                if (batch == null) {
                    break;
                }
                assertThat(batch.size()).isLessThanOrEqualTo(1000);
                batch.rows().forEach(row -> ids.add((Long) row[0]));
                offset = batch.offsetAfter();
                batches += batch.size() > 0 ? 1 : 0;
            }
        }
        return new FreshReads(ids, batches, offset);
    }

    @Test
    void aFirstIncrementalReadGoesByKeyThenReadsWhatChangedMeanwhileInCursorOrder() throws Exception {
        db.sql(rowsAMinuteApart(db.q("by_key")));
        // ids 1..10 are the latest by cursor: a read in cursor order would start at id 11
        db.sql("UPDATE " + db.q("by_key") + " SET updated_at = " + anHourAgo() + " WHERE id <= 10");
        StreamId table = db.table("by_key");
        ReadRequest.Builder request = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL)
                .cursorField("updated_at").primaryKey(List.of("id")).batchSize(30);
        List<Integer> ids = new ArrayList<>();
        List<Offset> offsets = new ArrayList<>();
        List<Boolean> newKeys = new ArrayList<>();
        try (StreamReader reader = session.openReader(request.build(), Split.WHOLE, DatabaseFixture.context(table))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batch.rows().forEach(row -> ids.add((Integer) row[0]));
                offsets.add(batch.offsetAfter());
                newKeys.add(batch.newKeys());
                if (offsets.size() == 1) {
                    // changed after the read began, in a row already read (a second later: a column of whole seconds)
                    Thread.sleep(1100);
                    db.sql("UPDATE " + db.q("by_key") + " SET updated_at = " + now() + " WHERE id = 5");
                }
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            expected.add(id);
        }
        expected.add(5);
        assertThat(ids).as("by key, then what changed meanwhile").isEqualTo(expected);
        for (Offset byKey : offsets.subList(0, 3)) {
            assertThat(byKey.values()).containsKeys("until", "max", "pk").doesNotContainKey("cursor");
        }
        // the last page by key hands over at the greatest cursor value it read and the last key
        assertThat(offsets.get(3).values()).containsKey("cursor").containsEntry("pk", List.of(100L))
                .doesNotContainKey("until");
        assertThat(offsets.get(4).values()).containsEntry("pk", List.of(5L));
        assertThat(newKeys).as("each key once by key; the change after them is not new").containsExactly(true, true,
                true, true, false);

        // resumed from a page by key (a crash): the same bound, the rest of the keys, then the change
        List<Object[]> resumed = new ArrayList<>();
        try (StreamReader reader = session.openReader(request.startOffset(offsets.get(1)).build(), Split.WHOLE,
                DatabaseFixture.context(table))) {
            assertThat(reader.poll().newKeys()).as("a resumed read promises nothing: the run before wrote keys").isFalse();
        }
        Offset end = readAll(request.startOffset(offsets.get(1)).build(), resumed);
        assertThat(resumed).extracting(row -> row[0]).containsExactlyElementsOf(expected.subList(60, 101));
        assertThat(end.values()).containsEntry("pk", List.of(5L));
        // the next run: nothing new
        List<Object[]> next = new ArrayList<>();
        readAll(request.startOffset(end).build(), next);
        assertThat(next).isEmpty();
    }

    @Test
    void wideRowsAreReadInPagesThatFitTheBatchMemoryAfterAFirstSmallOne() throws Exception {
        db.sql(tenThousandRowsAtOneInstant(db.q("wide")));
        db.sql("UPDATE " + db.q("wide") + " SET v = REPEAT('x', 2000)");
        StreamId table = db.table("wide");
        long bound = 64 * 1024;
        ReadRequest request = ReadRequest.builder(table).primaryKey(List.of("id")).batchSize(5000).batchBytes(bound)
                .build();
        List<Long> ids = new ArrayList<>();
        List<List<Object[]>> batches = new ArrayList<>();
        try (StreamReader reader = session.openReader(request, Split.WHOLE, DatabaseFixture.context(table))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batches.add(batch.rows());
                batch.rows().forEach(row -> ids.add((Long) row[0]));
            }
        }
        assertThat(ids).hasSize(10_000).doesNotHaveDuplicates().isSorted();
        // every row is as wide as the next: after the first page of 100, each page takes what fits and no more
        assertThat(batches.get(0)).hasSize(100);
        long row = BatchLimit.footprint(batches.get(1).get(0));
        assertThat(row).isGreaterThan(2000);
        for (List<Object[]> batch : batches.subList(1, batches.size() - 1)) {
            long taken = batch.stream().mapToLong(BatchLimit::footprint).sum();
            assertThat(taken).isLessThanOrEqualTo(bound).isGreaterThan(bound - row);
        }
    }

    @Test
    void aStreamedReadEndsEachBatchAtTheRowThatReachesTheBatchMemory() throws Exception {
        db.sql(unkeyedRowsTenPerDate(db.q("nokey_bytes")));
        StreamId table = db.table("nokey_bytes");
        long bound = 1000;
        List<List<Object[]>> batches = new ArrayList<>();
        try (StreamReader reader = session.openReader(ReadRequest.builder(table).batchSize(50).batchBytes(bound)
                .build(), Split.WHOLE, DatabaseFixture.context(table))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batches.add(batch.rows());
            }
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(95);
        assertThat(batches.size()).isGreaterThan(2);
        for (List<Object[]> batch : batches.subList(0, batches.size() - 1)) {
            long all = batch.stream().mapToLong(BatchLimit::footprint).sum();
            long butLast = all - BatchLimit.footprint(batch.get(batch.size() - 1));
            assertThat(butLast).isLessThan(bound);
            assertThat(all).isGreaterThanOrEqualTo(bound);
        }
    }

    @Test
    void fullRefreshPagesByCompositeKeyAndResumes() throws Exception {
        db.sql(compositeKeyRows(db.q("composite")));
        StreamId table = db.table("composite");
        List<Integer> values = new ArrayList<>();
        Offset offset = null;
        while (true) {
            ReadRequest request = ReadRequest.builder(table).batchSize(300).startOffset(offset).build();
            try (StreamReader reader = session.openReader(request, Split.WHOLE, DatabaseFixture.context(table))) {
                RecordBatch batch = reader.poll();
                if (batch == null) {
                    break;
                }
                batch.rows().forEach(row -> values.add((Integer) row[2]));
                offset = batch.offsetAfter();
                assertThat(offset.values()).containsOnlyKeys("pk");
            }
        }
        assertThat(values).hasSize(2500).doesNotHaveDuplicates();
    }

    @Test
    void incrementalReadsChangesSinceTheOffsetUpToTheClockReadAtOpen() throws Exception {
        db.sql(ordersTable(db.q("orders")));
        db.sql("INSERT INTO " + db.q("orders") + " VALUES (1, 'new', " + anHourAgo() + "),"
                + " (2, 'new', " + anHourAgo() + ")");
        StreamId table = db.table("orders");
        ReadRequest.Builder request = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL)
                .cursorField("updated_at").primaryKey(List.of("id")).batchSize(100);
        List<Object[]> first = new ArrayList<>();
        Offset offset = readAll(request.build(), first);
        assertThat(first).hasSize(2);

        db.sql("UPDATE " + db.q("orders") + " SET status = 'paid', updated_at = " + now() + " WHERE id = 1",
                "INSERT INTO " + db.q("orders") + " VALUES (3, 'new', " + now() + ")");
        try (StreamReader reader = session.openReader(request.startOffset(offset).build(), Split.WHOLE,
                DatabaseFixture.context(table))) {
            // committed after the reader read the clock: this reader must not see it, the next one must
            Thread.sleep(20);
            db.sql("INSERT INTO " + db.q("orders") + " VALUES (4, 'late', " + clock() + ")");
            List<Object[]> second = new ArrayList<>();
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                second.addAll(batch.rows());
                offset = batch.offsetAfter();
            }
            assertThat(second).extracting(row -> row[0]).containsExactly(1, 3);
            assertThat(second.get(0)[1]).isEqualTo("paid");
        }
        List<Object[]> third = new ArrayList<>();
        readAll(request.startOffset(offset).build(), third);
        assertThat(third).extracting(row -> row[0]).containsExactly(4);
    }

    @Test
    void lookBackReReadsRecentRowsOnTheFirstPageOnly() throws Exception {
        db.sql(rowsAMinuteApart(db.q("late")));
        StreamId table = db.table("late");
        Offset stored = Offset.of(Map.of("cursor", "2024-01-01T01:30:00", "pk", List.of(90L)));
        List<Object[]> rows = new ArrayList<>();
        readAll(ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL).cursorField("updated_at")
                .primaryKey(List.of("id")).batchSize(4).startOffset(stored).lookBack(Duration.ofMinutes(5)).build(), rows);
        // 85..90 re-read by the window, 91..100 new; pages after the first continue by keyset without repeats
        assertThat(rows).extracting(row -> row[0]).containsExactly(85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97,
                98, 99, 100);
    }

    @Test
    void tableWithoutKeyIsReadInOnePassAndIncrementallyByCursorAlone() throws Exception {
        db.sql(unkeyedRowsTenPerDate(db.q("nokey")));
        StreamId table = db.table("nokey");
        List<Object[]> full = new ArrayList<>();
        try (StreamReader reader = session.openReader(ReadRequest.builder(table).batchSize(10).build(), Split.WHOLE,
                DatabaseFixture.context(table))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                assertThat(batch.offsetAfter()).isNull();
                full.addAll(batch.rows());
            }
        }
        assertThat(full).hasSize(95);

        // batches of 15 cut through groups of 10 rows per date: the offset only moves past complete dates
        ReadRequest.Builder incremental = ReadRequest.builder(table).syncMode(SyncMode.INCREMENTAL)
                .cursorField("updated_at").batchSize(15);
        List<Integer> seen = new ArrayList<>();
        Offset offset = null;
        for (int run = 0; run < 30; run++) {
            try (StreamReader reader = session.openReader(incremental.startOffset(offset).build(), Split.WHOLE,
                    DatabaseFixture.context(table))) {
                RecordBatch batch = reader.poll();
                if (batch == null) {
                    break;
                }
                batch.rows().forEach(row -> seen.add((Integer) row[0]));
                offset = batch.offsetAfter();
            }
        }
        assertThat(new java.util.HashSet<>(seen)).hasSize(95);
    }

    @Test
    void discoversTablesViewsKeysCursorsAndEstimates() throws Exception {
        db.sql(customersAndAView(db.q("customers"), db.q("customer_names")));
        List<StreamDescriptor> streams = session.discover();
        StreamDescriptor customers = streams.stream().filter(s -> s.id().equals(db.table("customers"))).findFirst()
                .orElseThrow();
        assertThat(customers.primaryKey()).containsExactly("tenant", "id");
        assertThat(customers.cursorCandidates()).containsExactly("updated_at", "created_at", "birthday");
        assertEstimateOfFiftyRows(customers.rowEstimate());
        assertThat(customers.schema().field(2).nativeType()).isEqualTo(varchar40());
        assertThat(customers.schema().field(2).nullable()).isFalse();
        assertThat(customers.schema().field(1).type()).isEqualTo(LogicalType.INT64);
        StreamDescriptor view = streams.stream().filter(s -> s.id().equals(db.table("customer_names"))).findFirst()
                .orElseThrow();
        assertThat(view.primaryKey()).isEmpty();
        assertThat(view.rowEstimate()).isEqualTo(-1);
        assertThat(streams).noneMatch(s -> isSystemNamespace(s.id().namespace()));
    }

    @Test
    void checkAnswersTheServerVersion() {
        CheckResult result = session.check();
        assertThat(result.ok()).isTrue();
        assertThat(result.message()).matches(serverVersionPattern());
    }

    @Test
    void checkExplainsFailuresWithoutThePassword() throws Exception {
        String password = "s3cret-Pa55word";
        try (ConnectorSession wrong = db.open(refusedLogin(password))) {
            CheckResult result = wrong.check();
            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains(refusedLoginMessage()).doesNotContain(password);
        }
        try (ConnectorSession noDb = db.open(Map.of("database", "no_such_db"))) {
            assertThat(noDb.check().message()).contains("database no_such_db does not exist");
        }
        try (ConnectorSession closed = db.open(Map.of("port", 1))) {
            assertThat(closed.check().message()).contains(unreachableMessage());
        }
    }
}

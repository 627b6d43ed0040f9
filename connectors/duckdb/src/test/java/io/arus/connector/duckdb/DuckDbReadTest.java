package io.arus.connector.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Discovery, keyset and incremental reads, the file's place and its release. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbReadTest {
    private DuckFile db;

    @BeforeAll
    void open() throws Exception {
        db = new DuckFile();
        db.sql("CREATE SCHEMA shop",
                "CREATE TABLE shop.orders (id INTEGER PRIMARY KEY, customer VARCHAR NOT NULL,"
                        + " amount DECIMAL(10,2), updated_at TIMESTAMP WITH TIME ZONE NOT NULL)",
                "INSERT INTO shop.orders SELECT i, 'c' || (i % 7), i * 1.25,"
                        + " TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_minutes(i) FROM range(1, 25001) t(i)",
                "CREATE TABLE shop.lines (order_id INTEGER, line INTEGER, sku VARCHAR, PRIMARY KEY (order_id, line))",
                "INSERT INTO shop.lines VALUES (1, 2, 'b'), (1, 1, 'a'), (2, 1, 'c')",
                "CREATE VIEW shop.big_orders AS SELECT id, amount FROM shop.orders WHERE amount > 100");
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    @Test
    void discoversTablesViewsKeysAndEstimates() throws Exception {
        List<StreamDescriptor> streams = db.session.discover();
        StreamDescriptor orders = find(streams, "orders");
        assertThat(orders.primaryKey()).containsExactly("id");
        assertThat(orders.schema().field(3).nativeType()).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(orders.schema().field(1).nullable()).isFalse();
        assertThat(orders.cursorCandidates()).contains("updated_at");
        assertThat(orders.rowEstimate()).isEqualTo(25_000);
        assertThat(find(streams, "lines").primaryKey()).containsExactly("order_id", "line");
        assertThat(find(streams, "big_orders").schema().size()).isEqualTo(2);
        assertThat(streams).noneMatch(s -> s.id().namespace().equals("information_schema")
                || s.id().namespace().equals("pg_catalog") || s.id().name().startsWith("duckdb_"));
    }

    @Test
    void readsATableInKeyOrderPageByPage() throws Exception {
        List<Object[]> rows = db.read(ReadRequest.builder(new StreamId("shop", "orders")).batchSize(4_000).build());
        assertThat(rows).hasSize(25_000);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)[0]).isEqualTo(i + 1);
        }
        assertThat(db.read(ReadRequest.builder(new StreamId("shop", "lines")).batchSize(2).build()))
                .extracting(r -> r[2]).containsExactly("a", "b", "c");
        assertThat(db.read(ReadRequest.builder(new StreamId("shop", "big_orders")).build())).hasSize(25_000 - 80);
    }

    @Test
    void readsIncrementallyFromTheLastOffset() throws Exception {
        db.sql("CREATE TABLE shop.events (id INTEGER PRIMARY KEY, seen_at TIMESTAMP NOT NULL)",
                "INSERT INTO shop.events SELECT i, TIMESTAMP '2024-01-01' + to_seconds(i) FROM range(1, 101) t(i)");
        ReadRequest.Builder request = ReadRequest.builder(new StreamId("shop", "events"))
                .syncMode(SyncMode.INCREMENTAL).cursorField("seen_at").primaryKey(List.of("id")).batchSize(30);
        List<Object[]> first = new ArrayList<>();
        Offset offset = readAll(request.build(), first);
        assertThat(first).hasSize(100);

        db.sql("INSERT INTO shop.events SELECT i, TIMESTAMP '2024-02-01' + to_seconds(i) FROM range(101, 111) t(i)");
        List<Object[]> second = new ArrayList<>();
        readAll(request.startOffset(offset).build(), second);
        assertThat(second).extracting(r -> r[0]).containsExactlyInAnyOrder(101, 102, 103, 104, 105, 106, 107, 108, 109, 110);
    }

    @Test
    void aRelativePathIsInsideTheDataFolderAndTheLastSessionReleasesTheFile() throws Exception {
        Path dataDir = Files.createTempDirectory("arus-data");
        DuckDbConnector connector = new DuckDbConnector(dataDir);
        ConnectorSession one = connector.open(db.config(Map.of("path", "lake/analytics.duckdb")));
        ConnectorSession two = connector.open(db.config(Map.of("path", dataDir.resolve("lake/../lake/analytics.duckdb").toString())));
        CheckResult check = one.check();
        assertThat(check.ok()).as(check.message()).isTrue();
        assertThat(check.message()).startsWith("DuckDB v");
        assertThat(Files.isRegularFile(dataDir.resolve("lake/analytics.duckdb"))).isTrue();
        assertThat(connector.files().openFiles()).containsExactly(dataDir.resolve("lake/analytics.duckdb").toAbsolutePath());
        one.close();
        assertThat(connector.files().openFiles()).hasSize(1);
        two.close();
        assertThat(connector.files().openFiles()).isEmpty();
    }

    @Test
    void aFileThatIsNoDatabaseFailsTheCheckWithTheReason() throws Exception {
        Path dataDir = Files.createTempDirectory("arus-data");
        Files.writeString(dataDir.resolve("notes.duckdb"), "not a database, just some text of some length".repeat(200));
        DuckDbConnector connector = new DuckDbConnector(dataDir);
        try (ConnectorSession session = connector.open(db.config(Map.of("path", "notes.duckdb")))) {
            CheckResult check = session.check();
            assertThat(check.ok()).isFalse();
            assertThat(check.message()).contains("notes.duckdb");
        }
    }

    private Offset readAll(ReadRequest request, List<Object[]> into) throws Exception {
        Offset offset = request.startOffset();
        try (StreamReader reader = db.session.openReader(request, Split.WHOLE, DuckFile.context(request.stream()))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                into.addAll(batch.rows());
                offset = batch.offsetAfter();
            }
        }
        return offset;
    }

    private static StreamDescriptor find(List<StreamDescriptor> streams, String table) {
        return streams.stream().filter(s -> s.id().equals(new StreamId("shop", table))).findFirst().orElseThrow();
    }
}

package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows of the STACK.md speed-anchor shape (about 80 bytes, NULL note in every 10th row), written in batches as the
 * engine hands them over: each flush is one INSERT of one RowBinary block, never one per row.
 */
class ThroughputTest {
    private static final int BATCH = 10_000;
    private static final Schema ANCHOR = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true), Field.of("email", LogicalType.STRING, true),
            Field.of("qty", LogicalType.INT32, true), Field.of("price", LogicalType.decimal(12, 2), true),
            Field.of("created_at", LogicalType.TIMESTAMP, true), Field.of("note", LogicalType.STRING, true));
    private static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

    @RegisterExtension
    static final ClickHouseFixture db = new ClickHouseFixture();

    @Test
    void twoHundredThousandRowsGoInTwentyInserts() throws Exception {
        long inserts = db.event("InsertQuery");
        long inserted = db.event("InsertedRows");
        write("batched", WriteMode.APPEND, 200_000, BATCH);
        assertThat(db.event("InsertQuery") - inserts).isEqualTo(20);
        assertThat(db.event("InsertedRows") - inserted).isEqualTo(200_000);
        assertThat(db.number("SELECT count() FROM " + db.q("batched"))).isEqualTo(200_000);
        assertThat(db.number("SELECT max(rows) FROM system.parts WHERE active AND database = '" + db.database
                + "' AND table = 'batched'")).isGreaterThanOrEqualTo(BATCH);
    }

    @Test
    void aMillionAnchorRowsUpsertQuickly() throws Exception {
        // the engine's default batch, then the batch size a ClickHouse pipeline should use: each flush is a part
        for (int batch : new int[] {BATCH, 10 * BATCH}) {
            String table = "anchor_" + batch;
            double seconds = write(table, WriteMode.UPSERT, 1_000_000, batch);
            double rate = 1_000_000 / seconds;
            System.out.printf("ClickHouse %s upsert, batches of %d: 1000000 rows in %.2f s = %.0f rows/s (%.2fx the "
                    + "1.19M rows/s clickhouse-client anchor)%n", db.version(), batch, seconds, rate, rate / 1_190_000);
            assertThat(db.number("SELECT count() FROM " + db.q(table) + " FINAL")).isEqualTo(1_000_000);
            assertThat(db.strings("SELECT id, name, email, qty, price, created_at, note FROM " + db.q(table)
                    + " WHERE id IN (1, 10) ORDER BY id")).containsExactly(
                    "1\tname 1\tuser1@example.com\t1\t0.07\t2024-01-01 00:00:01\tnote 1",
                    "10\tname 10\tuser10@example.com\t10\t0.70\t2024-01-01 00:00:10\t\\N");
            // a floor far below the target, so that only a real regression (row-by-row inserts) fails the build on
            // a busy machine; the rates printed above are what to compare
            assertThat(rate).isGreaterThan(20_000);
        }
    }

    /** @return seconds spent in write() and flush(); building the rows is the source's work and not counted */
    private static double write(String table, WriteMode mode, int rows, int batchSize) throws Exception {
        StreamId target = db.table(table);
        long spent = 0;
        try (StreamWriter writer = db.session().openWriter(new WriteRequest(target, ANCHOR, List.of("id"), mode),
                new ClickHouseFixture.Context(target))) {
            for (long from = 1; from <= rows; from += batchSize) {
                RecordBatch batch = RecordBatch.of(ANCHOR, rows(from, batchSize), null);
                long start = System.nanoTime();
                writer.write(batch);
                writer.flush();
                spent += System.nanoTime() - start;
            }
        }
        return spent / 1e9;
    }

    private static List<Object[]> rows(long from, int count) {
        List<Object[]> rows = new ArrayList<>(count);
        for (long id = from; id < from + count; id++) {
            rows.add(new Object[] {id, "name " + id, "user" + id + "@example.com", (int) (id % 1000),
                    BigDecimal.valueOf(id * 7, 2), START.plusSeconds(id), id % 10 == 0 ? null : "note " + (id % 97)});
        }
        return rows;
    }
}

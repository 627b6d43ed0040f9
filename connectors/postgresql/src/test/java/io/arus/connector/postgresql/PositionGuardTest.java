package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.DatabaseFixture;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Upserts and deletes of change capture never let an older event undo a newer row (CopyLoader, JdbcWriter). */
class PositionGuardTest {
    private static final Schema ROWS = Schema.of(Field.of("id", LogicalType.INT32, false),
            Field.of("v", LogicalType.STRING, true), Field.of(Changes.POSITION, LogicalType.INT64, true));

    private static PgFixture db;

    @BeforeAll
    static void server() throws Exception {
        db = new PgFixture();
    }

    @AfterAll
    static void dropSchema() throws Exception {
        db.close();
    }

    @Test
    void anOlderUpsertOrDeleteLeavesANewerRowAndANewerOneApplies() throws Exception {
        StreamId target = db.table("guarded");
        try (ConnectorSession session = db.open();
             StreamWriter writer = session.openWriter(new WriteRequest(target, ROWS, List.of("id"), WriteMode.UPSERT),
                     DatabaseFixture.context(target))) {
            writer.write(batch(new Object[] {1, "at 100", 100L}, new Object[] {2, "at 100", 100L},
                    new Object[] {3, "no position", null}));
            writer.flush();
            writer.write(batch(new Object[] {1, "at 50", 50L}, new Object[] {2, "at 150", 150L},
                    new Object[] {3, "at 10", 10L}));
            writer.flush();
            assertThat(values()).containsExactly("1 at 100 100", "2 at 150 150", "3 at 10 10");
            writer.write(batch(new Object[] {1, "at 100 again", 100L}));
            writer.flush();
            assertThat(values()).first().isEqualTo("1 at 100 again 100");

            writer.delete(List.<Object[]>of(new Object[] {1}, new Object[] {2}), new long[] {99, 150});
            writer.flush();
            assertThat(values()).containsExactly("1 at 100 again 100", "3 at 10 10");
            db.sql("INSERT INTO " + db.q("guarded") + " VALUES (4, 'no position', NULL)");
            writer.delete(List.<Object[]>of(new Object[] {1}, new Object[] {4}), new long[] {101, 1});
            writer.flush();
            assertThat(values()).containsExactly("3 at 10 10");
        }
    }

    private static RecordBatch batch(Object[]... rows) {
        return RecordBatch.of(ROWS, new ArrayList<>(List.of(rows)), null);
    }

    private static List<String> values() throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id, v, " + Changes.POSITION + " FROM "
                     + db.q("guarded") + " ORDER BY id")) {
            while (rows.next()) {
                values.add(rows.getInt(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
        }
        return values;
    }
}

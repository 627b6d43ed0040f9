package io.arus.connector.mysql;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upsert of change rows keeps a row stored at a later log position. */
class MySqlPositionGuardTest {
    private static final Schema CHANGES = Schema.of(List.of(Field.of("id", LogicalType.INT32, false),
            Field.of("name", LogicalType.STRING, true), Field.of("amount", LogicalType.INT32, true),
            Field.of(Changes.POSITION, LogicalType.INT64, false)));

    private MyFixture db;
    private ConnectorSession session;

    @BeforeEach
    void open() throws Exception {
        db = new MyFixture();
        session = db.open();
    }

    @AfterEach
    void close() throws Exception {
        session.close();
        db.close();
    }

    @Test
    void anOlderChangeNeverOverwritesANewerRow() throws Exception {
        StreamId target = db.table("guarded");
        upsert(target, CHANGES, new Object[] {1, "newer", 10, 200L}, new Object[] {2, "two", 20, 50L});
        // re-delivered after a crash: key 1 at an older position, key 2 at a later one
        upsert(target, CHANGES, new Object[] {1, "older", 11, 100L}, new Object[] {2, "two again", 21, 60L});
        assertThat(rows("SELECT id, name, amount, _arus_position FROM " + db.q("guarded") + " ORDER BY id"))
                .containsExactly("1 newer 10 200", "2 two again 21 60");
        // the same position applies again (changes of one event replayed in order), a later one applies
        upsert(target, CHANGES, new Object[] {1, "same", 12, 200L});
        upsert(target, CHANGES, new Object[] {1, "latest", 13, 300L});
        assertThat(rows("SELECT id, name, amount, _arus_position FROM " + db.q("guarded") + " ORDER BY id"))
                .containsExactly("1 latest 13 300", "2 two again 21 60");
    }

    @Test
    void rowsWithoutAPositionMergeAsBefore() throws Exception {
        Schema plain = Schema.of(List.of(Field.of("id", LogicalType.INT32, false),
                Field.of("name", LogicalType.STRING, true)));
        StreamId target = db.table("plain");
        upsert(target, plain, new Object[] {1, "a"});
        upsert(target, plain, new Object[] {1, "b"});
        assertThat(rows("SELECT id, name FROM " + db.q("plain"))).containsExactly("1 b");
        assertThat(new MySqlLoader(new MySqlDialect()).mergeClause(List.of("`id`", "`name`"), List.of("`id`")))
                .isEqualTo("ON DUPLICATE KEY UPDATE `name` = VALUES(`name`)");
    }

    @Test
    void thePositionIsAssignedLastSoThatTheGuardsSeeTheStoredOne() {
        String clause = new MySqlLoader(new MySqlDialect()).mergeClause(
                List.of("`id`", "`name`", "`_arus_position`"), List.of("`id`"));
        assertThat(clause).isEqualTo("ON DUPLICATE KEY UPDATE"
                + " `name` = IF(IFNULL(`_arus_position` <= VALUES(`_arus_position`), TRUE), VALUES(`name`), `name`),"
                + " `_arus_position` = IF(IFNULL(`_arus_position` <= VALUES(`_arus_position`), TRUE),"
                + " VALUES(`_arus_position`), `_arus_position`)");
    }

    private void upsert(StreamId target, Schema schema, Object[]... rows) throws Exception {
        try (StreamWriter writer = session.openWriter(new WriteRequest(target, schema, List.of("id"), WriteMode.UPSERT),
                DatabaseFixture.context(target))) {
            writer.write(RecordBatch.of(schema, List.of(rows), null));
            writer.flush();
            writer.complete();
        }
    }

    private List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement statement = db.admin.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int width = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= width; i++) {
                    row.append(i == 1 ? "" : " ").append(rows.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}

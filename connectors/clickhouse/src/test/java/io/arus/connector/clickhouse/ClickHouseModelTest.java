package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ModelMaterialization;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.StreamId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SQL models on the test ClickHouse: table swap, view, incremental append and merge by key, a broken model. */
class ClickHouseModelTest {
    @RegisterExtension
    static final ClickHouseFixture db = new ClickHouseFixture();

    @BeforeAll
    static void orders() throws Exception {
        db.sql("CREATE TABLE " + db.q("orders") + " (id Int32, customer String, amount Int32) ENGINE = MergeTree ORDER BY id");
        db.sql("INSERT INTO " + db.q("orders") + " VALUES (1, 'a', 10), (2, 'a', 5), (3, 'b', 7)");
    }

    private static long run(String name, String select, ModelMaterialization how, List<String> key) throws Exception {
        StreamId target = db.table(name);
        try (ConnectorSession session = db.open()) {
            return session.runModel(new ModelRequest(target, select, how, key), new ClickHouseFixture.Context(target)).rows();
        }
    }

    private static String quoted(String table) throws Exception {
        try (ConnectorSession session = db.open()) {
            return session.quotedName(db.table(table));
        }
    }

    @Test
    void quotedNamesAreQualifiedWithTheConfiguredDatabaseWhenTheyNameNone() throws Exception {
        assertThat(quoted("orders")).isEqualTo(db.q("orders"));
        try (ConnectorSession session = db.open()) {
            assertThat(session.quotedName(new StreamId("", "orders"))).isEqualTo(db.q("orders"));
        }
    }

    @Test
    void aTableModelIsRebuiltAndSwappedLeavingNoStagingTable() throws Exception {
        String select = "SELECT customer, sum(amount) AS total FROM " + quoted("orders") + " GROUP BY customer";
        assertThat(run("totals", select, ModelMaterialization.TABLE, List.of())).isEqualTo(2);
        assertThat(run("totals", select + " HAVING total > 7", ModelMaterialization.TABLE, List.of())).isEqualTo(1);
        assertThat(db.strings("SELECT customer, total FROM " + db.q("totals"))).containsExactly("a\t15");
        assertThat(db.strings("SELECT name FROM system.tables WHERE database = '" + db.database + "' AND name LIKE 'totals%'"))
                .containsExactly("totals");
    }

    @Test
    void aViewModelIsReplaced() throws Exception {
        assertThat(run("big", "SELECT id FROM " + quoted("orders") + " WHERE amount > 6", ModelMaterialization.VIEW,
                List.of())).isEqualTo(-1);
        assertThat(db.strings("SELECT id FROM " + db.q("big") + " ORDER BY id")).containsExactly("1", "3");
        run("big", "SELECT id FROM " + quoted("orders") + " WHERE amount > 8", ModelMaterialization.VIEW, List.of());
        assertThat(db.strings("SELECT id FROM " + db.q("big"))).containsExactly("1");
    }

    @Test
    void anIncrementalModelAppendsWithoutKeyAndReplacesByKeyWithOne() throws Exception {
        String all = "SELECT id, amount FROM " + quoted("orders");
        assertThat(run("appended", all, ModelMaterialization.INCREMENTAL, List.of())).isEqualTo(3);
        assertThat(run("appended", all, ModelMaterialization.INCREMENTAL, List.of())).isEqualTo(3);
        assertThat(db.strings("SELECT count() FROM " + db.q("appended"))).containsExactly("6");

        assertThat(run("merged", all, ModelMaterialization.INCREMENTAL, List.of("id"))).isEqualTo(3);
        String newer = "SELECT id, amount * 100 AS amount FROM " + quoted("orders") + " WHERE id >= (SELECT max(id) FROM "
                + quoted("merged") + ") - 1";
        assertThat(run("merged", newer, ModelMaterialization.INCREMENTAL, List.of("id"))).isEqualTo(2);
        assertThat(db.strings("SELECT amount FROM " + db.q("merged") + " ORDER BY id")).containsExactly("10", "500", "700");
        assertThat(db.strings("SELECT name FROM system.tables WHERE database = '" + db.database + "' AND name LIKE 'merged%'"))
                .containsExactly("merged");
    }

    @Test
    void aBrokenModelFailsWithTheServersMessageAndKeepsTheOldTable() throws Exception {
        run("kept", "SELECT id FROM " + quoted("orders"), ModelMaterialization.TABLE, List.of());
        assertThatThrownBy(() -> run("kept", "SELECT no_such_column FROM " + quoted("orders"), ModelMaterialization.TABLE,
                List.of()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("kept")
                .hasMessageContaining("no_such_column");
        assertThat(db.strings("SELECT count() FROM " + db.q("kept"))).containsExactly("3");
    }
}

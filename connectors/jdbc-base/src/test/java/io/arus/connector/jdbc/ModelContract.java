package io.arus.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ModelMaterialization;
import io.arus.api.connector.ModelRequest;
import io.arus.api.connector.StreamId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL models against the real server: table (built aside and swapped), view, incremental with and without a unique
 * key, and a broken model's database message. Values are checked with SQL on the admin connection.
 */
public abstract class ModelContract extends SessionContract {
    @BeforeAll
    void createOrders() throws Exception {
        db.sql("CREATE TABLE " + db.q("m_orders") + " (id int PRIMARY KEY, customer varchar(20), amount int)",
                "INSERT INTO " + db.q("m_orders") + " VALUES (1, 'a', 10), (2, 'a', 5), (3, 'b', 7)");
    }

    private long run(String name, String select, ModelMaterialization how, List<String> key) throws Exception {
        StreamId target = db.table(name);
        return session.runModel(new ModelRequest(target, select, how, key), DatabaseFixture.context(target)).rows();
    }

    private String orders() throws Exception {
        return session.quotedName(db.table("m_orders"));
    }

    @Test
    void aTableModelIsRebuiltAndSwappedOnEveryRunLeavingNoStagingTable() throws Exception {
        String select = "SELECT customer, sum(amount) AS total FROM " + orders() + " GROUP BY customer";
        assertThat(run("m_totals", select, ModelMaterialization.TABLE, List.of())).isEqualTo(2);
        db.sql("INSERT INTO " + db.q("m_orders") + " VALUES (100, 'c', 1)");
        try {
            assertThat(run("m_totals", select, ModelMaterialization.TABLE, List.of())).isEqualTo(3);
            assertThat(strings("SELECT customer FROM " + db.q("m_totals") + " ORDER BY customer"))
                    .containsExactly("a", "b", "c");
            assertThat(strings("SELECT count(*) FROM " + db.q("m_totals") + " t JOIN (SELECT customer, sum(amount) s FROM "
                    + db.q("m_orders") + " GROUP BY customer) x ON x.customer = t.customer AND x.s = t.total"))
                    .containsExactly("3");
            assertThat(strings(tablesLike("m_totals%"))).containsExactly("m_totals");
        } finally {
            db.sql("DELETE FROM " + db.q("m_orders") + " WHERE id = 100");
        }
    }

    @Test
    void aTableModelWithAViewOverItIsRebuiltAndTheViewMadeAgainAnswersTheNewRows() throws Exception {
        run("m_base", "SELECT id, amount FROM " + orders(), ModelMaterialization.TABLE, List.of());
        String view = "SELECT id FROM " + session.quotedName(db.table("m_base")) + " WHERE amount > 6";
        run("m_over", view, ModelMaterialization.VIEW, List.of());
        run("m_base", "SELECT id, amount * 2 AS amount FROM " + orders(), ModelMaterialization.TABLE, List.of());
        run("m_over", view, ModelMaterialization.VIEW, List.of());
        assertThat(strings("SELECT id FROM " + db.q("m_over") + " ORDER BY id")).containsExactly("1", "2", "3");
    }

    @Test
    void aViewModelIsReplacedAndAnswersRowsMinusOne() throws Exception {
        assertThat(run("m_big", "SELECT id FROM " + orders() + " WHERE amount > 6", ModelMaterialization.VIEW,
                List.of())).isEqualTo(-1);
        assertThat(strings("SELECT id FROM " + db.q("m_big") + " ORDER BY id")).containsExactly("1", "3");
        run("m_big", "SELECT id, customer FROM " + orders() + " WHERE amount > 8", ModelMaterialization.VIEW, List.of());
        assertThat(strings("SELECT customer FROM " + db.q("m_big"))).containsExactly("a");
    }

    @Test
    void anIncrementalModelWithoutKeyIsCreatedThenAppended() throws Exception {
        String select = "SELECT id, amount FROM " + orders() + " WHERE customer = 'a'";
        assertThat(run("m_append", select, ModelMaterialization.INCREMENTAL, List.of())).isEqualTo(2);
        assertThat(run("m_append", select, ModelMaterialization.INCREMENTAL, List.of())).isEqualTo(2);
        assertThat(strings("SELECT count(*) FROM " + db.q("m_append"))).containsExactly("4");
    }

    @Test
    void anIncrementalModelWithAUniqueKeyReplacesTheRowsOfTheSameKey() throws Exception {
        String first = "SELECT id, amount FROM " + orders();
        assertThat(run("m_merge", first, ModelMaterialization.INCREMENTAL, List.of("id"))).isEqualTo(3);
        String this_ = session.quotedName(db.table("m_merge"));
        String second = "SELECT id, amount * 100 AS amount FROM " + orders() + " WHERE id >= (SELECT max(id) FROM "
                + this_ + ") - 1";
        assertThat(run("m_merge", second, ModelMaterialization.INCREMENTAL, List.of("id"))).isEqualTo(2);
        assertThat(strings("SELECT amount FROM " + db.q("m_merge") + " ORDER BY id")).containsExactly("10", "500", "700");
    }

    @Test
    void aBrokenModelFailsWithTheDatabasesMessageAndKeepsTheOldTable() throws Exception {
        run("m_keep", "SELECT id FROM " + orders(), ModelMaterialization.TABLE, List.of());
        assertThatThrownBy(() -> run("m_keep", "SELECT no_such_column FROM " + orders(), ModelMaterialization.TABLE,
                List.of()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("m_keep")
                .hasMessageContaining("no_such_column");
        assertThat(strings("SELECT count(*) FROM " + db.q("m_keep"))).containsExactly("3");
    }

    /** A query for the names of the tables in this class's namespace that match a LIKE pattern. */
    protected abstract String tablesLike(String pattern);
}

package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.WriterContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer contract against the test PostgreSQL, and a REPLACE that adds its key after the load. */
class PostgresWriteTest extends WriterContract {
    private static final Schema PEOPLE = Schema.of(Field.of("id", LogicalType.INT32, false),
            Field.of("name", LogicalType.STRING, true));

    @Test
    void aReplaceOfKeysTheSourcePromisesUniqueAddsTheKeyOnlyOnceTheLoadIsComplete() throws Exception {
        StreamId target = db.table("keyed_later");
        for (String round : List.of("first", "second")) {
            try (StreamWriter writer = uniqueReplace(target)) {
                StreamWriter lane = writer.lane();
                writer.write(RecordBatch.of(PEOPLE, List.of(new Object[] {1, round}, new Object[] {2, round}), null));
                writer.flush();
                lane.write(RecordBatch.of(PEOPLE, List.<Object[]>of(new Object[] {3, round}), null));
                lane.flush();
                assertThat(strings(keyConstraints("keyed_later__arus_staging"))).as("no key while loading").isEmpty();
                lane.close();
                writer.complete();
            }
            // the swapped-in table has its key under the table's own name, so the next replace swaps again
            assertThat(strings(keyConstraints("keyed_later"))).containsExactly("keyed_later_pkey");
            assertThat(strings("SELECT id || ':' || name FROM " + db.q("keyed_later") + " ORDER BY id"))
                    .containsExactly("1:" + round, "2:" + round, "3:" + round);
        }
    }

    @Test
    void keysThatCollideAfterAllFailTheSwapAndTheLiveTableStays() throws Exception {
        StreamId target = db.table("collide");
        try (StreamWriter writer = uniqueReplace(target)) {
            writer.write(RecordBatch.of(PEOPLE, List.<Object[]>of(new Object[] {1, "kept"}), null));
            writer.flush();
            writer.complete();
        }
        try (StreamWriter writer = uniqueReplace(target)) {
            writer.write(RecordBatch.of(PEOPLE, List.of(new Object[] {1, "a"}, new Object[] {1, "b"}), null));
            writer.flush();
            assertThatThrownBy(writer::complete).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA);
                assertThat(e.getMessage()).contains("(id)=(1)");
            });
        }
        assertThat(strings("SELECT id || ':' || name FROM " + db.q("collide"))).containsExactly("1:kept");
        assertThat(strings(tablesLike("collide%"))).containsExactly("collide");
    }

    private StreamWriter uniqueReplace(StreamId target) throws Exception {
        return session.openWriter(new WriteRequest(target, PEOPLE, List.of("id"), WriteMode.REPLACE, true),
                DatabaseFixture.context(target));
    }

    private String keyConstraints(String table) {
        return "SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = '" + db.q(table) + "'::regclass";
    }

    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return new PgFixture();
    }

    @Override
    protected String product() {
        return "PostgreSQL";
    }

    @Override
    protected String concat(String... expressions) {
        return String.join(" || ", expressions);
    }

    @Override
    protected String text(String expression) {
        return expression + "::text";
    }

    @Override
    protected String tablesLike(String pattern) {
        return "SELECT tablename FROM pg_tables WHERE schemaname = '" + db.schema + "' AND tablename LIKE '"
                + pattern + "'";
    }

    @Override
    protected String columnTypes(String table) {
        return "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + db.q(table)
                + "'::regclass AND attnum > 0 ORDER BY attnum";
    }

    @Override
    protected List<String> driftedColumnTypes() {
        return List.of("bigint", "text", "numeric(20,2)", "timestamp with time zone");
    }

    @Override
    protected String jsonMember(String column, String member) {
        return column + " ->> '" + member + "'";
    }
}

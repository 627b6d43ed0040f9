package io.arus.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The harness of a dialect's type-mapping test: one test per row of its read table, proven against the real
 * server, and a write-then-read of every logical type. The dialect keeps the rows and the expectations.
 */
public abstract class TypeMappingContract extends SessionContract {
    private int tables;

    /** The test rows: native type name of the table row, column DDL, SQL literal, logical type, Java value read. */
    protected abstract Stream<Arguments> readRows();

    /** The native type names of the dialect's read table. */
    protected abstract Set<String> tableRows();

    /** The columns the round trip writes, in order: name to {logical type, value}; the first is the key. */
    protected abstract Map<String, Object[]> roundTripColumns();

    /** A key for the row of nulls, other than the round trip's own key. */
    protected abstract Object keyOfNullRow();

    /** The logical type discovery gives a column written as {@code written}. */
    protected abstract LogicalType typeReadBack(LogicalType written);

    /** The value read back from a column written as {@code written} with {@code value}. */
    protected abstract Object valueReadBack(LogicalType written, Object value);

    @Test
    void everyTableRowHasATestRow() {
        Set<String> tested = new HashSet<>();
        readRows().forEach(arguments -> tested.add((String) arguments.get()[0]));
        assertThat(tested).isEqualTo(tableRows());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("readRows")
    void readsNativeTypeAsItsLogicalType(String row, String ddl, String literal, LogicalType type, Object value)
            throws Exception {
        String table = "read_" + (++tables);
        db.sql("CREATE TABLE " + db.q(table) + " (id int PRIMARY KEY, v " + ddl + ")",
                "INSERT INTO " + db.q(table) + " VALUES (1, " + literal + "), (2, NULL)");

        List<Object[]> rows = readAll(db.table(table));
        Field field = discovered(table).schema().field(1);

        assertThat(field.type()).isEqualTo(type);
        assertThat(field.nativeType()).isNotEmpty();
        assertThat(rows.get(0)[1]).isEqualTo(value);
        assertThat(rows.get(1)[1]).isNull();
    }

    @Test
    void writesEveryLogicalTypeAndReadsItBack() throws Exception {
        Map<String, Object[]> columns = roundTripColumns();
        List<Field> fields = new ArrayList<>();
        Object[] row = new Object[columns.size()];
        Object nullKey = keyOfNullRow();
        int i = 0;
        for (Map.Entry<String, Object[]> column : columns.entrySet()) {
            fields.add(Field.of(column.getKey(), (LogicalType) column.getValue()[0], i > 0));
            row[i++] = column.getValue()[1];
        }
        Schema schema = Schema.of(fields);
        StreamId target = db.table("all_types");
        try (StreamWriter writer = session.openWriter(new WriteRequest(target, schema, List.of(fields.get(0).name()),
                WriteMode.UPSERT), DatabaseFixture.context(target))) {
            Object[] nulls = new Object[row.length];
            nulls[0] = nullKey;
            writer.write(RecordBatch.of(schema, List.of(row, nulls), null));
            writer.flush();
        }

        List<Object[]> back = readAll(target);
        Object[] written = back.stream().filter(r -> r[0].equals(row[0])).findFirst().orElseThrow();
        Object[] empty = back.stream().filter(r -> r[0].equals(nullKey)).findFirst().orElseThrow();
        Schema read = discovered("all_types").schema();

        for (int c = 0; c < fields.size(); c++) {
            LogicalType type = fields.get(c).type();
            assertThat(read.field(c).type()).as(fields.get(c).name()).isEqualTo(typeReadBack(type));
            assertThat(written[c]).as(fields.get(c).name()).isEqualTo(valueReadBack(type, row[c]));
            if (c > 0) {
                assertThat(empty[c]).as(fields.get(c).name()).isNull();
            }
        }
    }

    /** Reads a whole table through the connector. */
    protected List<Object[]> readAll(StreamId table) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        readAll(ReadRequest.builder(table).build(), rows);
        return rows;
    }
}

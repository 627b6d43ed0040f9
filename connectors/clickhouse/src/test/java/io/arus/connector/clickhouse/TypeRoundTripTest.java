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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every row of the type mapping written and read back as the server shows it: one column per logical type, once
 * with a value and once NULL; all of them (RowBinary, for the arrays), then the flat ones alone (Native blocks). What the server shows depends on its version where the mapping
 * does (DateTime64 or DateTime, Decimal or String for wide decimals).
 */
class TypeRoundTripTest {
    private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    @RegisterExtension
    static final ClickHouseFixture db = new ClickHouseFixture();

    /** name, type, value, what the server shows for it. */
    private record Column(String name, LogicalType type, Object value, String shown) {
    }

    private static List<Column> columns() {
        boolean micros = db.version().hasDateTime64();
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("a", 1);
        struct.put("b", "x");
        return List.of(
                new Column("boolean", LogicalType.BOOLEAN, true, "1"),
                new Column("int16", LogicalType.INT16, (short) -12345, "-12345"),
                new Column("int32", LogicalType.INT32, Integer.MAX_VALUE, "2147483647"),
                new Column("int64", LogicalType.INT64, Long.MIN_VALUE, "-9223372036854775808"),
                new Column("float32", LogicalType.FLOAT32, 1.5f, "1.5"),
                new Column("float64", LogicalType.FLOAT64, -2.25, "-2.25"),
                new Column("decimal", LogicalType.decimal(12, 2), new BigDecimal("-1234567890.12"), "-1234567890.12"),
                new Column("decimal_small", LogicalType.decimal(9, 4), new BigDecimal("12345.6789"), "12345.6789"),
                new Column("decimal_128", LogicalType.decimal(38, 6), new BigDecimal("-12345678901234567890123456789012.123456"),
                        "-12345678901234567890123456789012.123456"),
                new Column("decimal_wide", LogicalType.decimal(50, 5), new BigDecimal("123456789012345678901234567890.12345"),
                        "123456789012345678901234567890.12345"),
                new Column("decimal_unbounded", LogicalType.decimal(0, 0), new BigDecimal("3.14159265358979323846"),
                        "3.14159265358979323846"),
                new Column("string", LogicalType.STRING, "héllo\tworld\n🚀", "héllo\tworld\n🚀"),
                new Column("bytes", LogicalType.BYTES, new byte[] {0, 'A', 'B', (byte) 0xFF}, "004142FF"),
                new Column("date", LogicalType.DATE, LocalDate.of(2024, 2, 29), "2024-02-29"),
                new Column("time", LogicalType.TIME, LocalTime.of(10, 15, 30, 500_000_000), "10:15:30.5"),
                new Column("timestamp", LogicalType.TIMESTAMP, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789),
                        micros ? "2024-01-02 03:04:05.123456" : "2024-01-02 03:04:05"),
                new Column("timestamptz", LogicalType.TIMESTAMPTZ, Instant.parse("2024-01-02T03:04:05.654321Z"),
                        micros ? "2024-01-02 03:04:05.654321" : "2024-01-02 03:04:05"),
                new Column("uuid", LogicalType.UUID, ID, ID.toString()),
                new Column("json", LogicalType.JSON, "{\"a\": [1, 2]}", "{\"a\": [1, 2]}"),
                new Column("array", LogicalType.array(LogicalType.INT32), Arrays.asList(1, null, 3), "[1,NULL,3]"),
                new Column("array_text", LogicalType.array(LogicalType.STRING), List.of("x", "y z"), "['x','y z']"),
                new Column("array_nested", LogicalType.array(LogicalType.array(LogicalType.INT32)),
                        List.of(List.of(1), List.of(2, 3)), "[[1],[2,3]]"),
                new Column("struct", LogicalType.struct(List.of(Field.of("a", LogicalType.INT32, true),
                        Field.of("b", LogicalType.STRING, true))), struct, "{\"a\":1,\"b\":\"x\"}"));
    }

    @Test
    void everyLogicalTypeRoundTripsWithAValueAndAsNull() throws Exception {
        // the arrays make the table one RowBinary takes
        assertThat(roundTrip("all_types", columns())).as("Native blocks").isFalse();
    }

    @Test
    void everyFlatTypeRoundTripsInNativeBlocks() throws Exception {
        List<Column> flat = columns().stream().filter(c -> c.type().kind() != LogicalType.Kind.ARRAY).toList();
        assertThat(roundTrip("flat_types", flat)).as("Native blocks").isTrue();
    }

    /**
     * Writes a row of the columns' values and a row of nulls (null and absent in turn) into a new table and reads
     * them back as the server shows them.
     *
     * @return whether the rows went in Native blocks
     */
    private static boolean roundTrip(String table, List<Column> columns) throws Exception {
        List<Field> fields = new ArrayList<>(List.of(Field.of("id", LogicalType.INT32, false)));
        columns.forEach(c -> fields.add(Field.of(c.name(), c.type(), true)));
        Schema schema = Schema.of(fields);
        Object[] full = new Object[fields.size()];
        Object[] empty = new Object[fields.size()];
        full[0] = 1;
        empty[0] = 2;
        for (int i = 0; i < columns.size(); i++) {
            full[i + 1] = columns.get(i).value();
            empty[i + 1] = i % 2 == 0 ? null : RecordBatch.ABSENT;
        }
        StreamId target = db.table(table);
        try (StreamWriter writer = db.session().openWriter(new WriteRequest(target, schema, List.of("id"), WriteMode.UPSERT),
                new ClickHouseFixture.Context(target))) {
            writer.write(RecordBatch.of(schema, List.of(full, empty), null));
            writer.flush();
        }
        StringBuilder select = new StringBuilder("SELECT id");
        for (Column column : columns) {
            select.append(", ").append(column.name().equals("bytes") ? "hex(`bytes`)" : "`" + column.name() + "`");
        }
        List<String[]> rows = db.rows(select + " FROM " + db.q(table) + " ORDER BY id");
        assertThat(rows).hasSize(2);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            assertThat(rows.get(0)[i + 1]).as(column.name()).isEqualTo(column.shown());
            boolean array = column.type().kind() == LogicalType.Kind.ARRAY && !column.name().equals("array_nested");
            String shownNull = array ? "[]" : null;
            assertThat(rows.get(1)[i + 1]).as(column.name() + " null").isEqualTo(shownNull);
        }
        Map<String, String> types = new LinkedHashMap<>();
        db.rows("SELECT name, type FROM system.columns WHERE database = '" + db.database + "' AND table = '" + table + "'")
                .forEach(r -> types.put(r[0], r[1]));
        for (Column column : columns) {
            String expected = ClickHouseTypes.columnType(Field.of(column.name(), column.type(), true), false, db.version());
            assertThat(ColumnType.parse(types.get(column.name()))).as(column.name()).isEqualTo(ColumnType.parse(expected));
        }
        try (ClickHouseServer server = new ClickHouseServer(ClickHouseSettings.from(db.config(Map.of())))) {
            return InsertPlan.rows(TableInfo.read(server, target).orElseThrow(), schema).columnar();
        }
    }
}

package io.arus.connector.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.StreamDescriptor;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One test per row of the read table, proven against a real file, and a write-then-read of every logical type. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbTypeMappingTest {
    private DuckFile db;
    private int tables;

    @BeforeAll
    void open() throws Exception {
        db = new DuckFile();
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    /** Native name of the table row, column DDL, SQL literal, logical type, Java value read. */
    Stream<Arguments> readRows() {
        return Stream.of(
                Arguments.of("boolean", "BOOLEAN", "true", LogicalType.BOOLEAN, true),
                Arguments.of("tinyint", "TINYINT", "-7", LogicalType.INT16, (short) -7),
                Arguments.of("smallint", "SMALLINT", "-300", LogicalType.INT16, (short) -300),
                Arguments.of("integer", "INTEGER", "70000", LogicalType.INT32, 70000),
                Arguments.of("bigint", "BIGINT", "5000000000", LogicalType.INT64, 5_000_000_000L),
                Arguments.of("hugeint", "HUGEINT", "170141183460469231731687303715884105727", LogicalType.decimal(39, 0),
                        new BigDecimal("170141183460469231731687303715884105727")),
                Arguments.of("utinyint", "UTINYINT", "255", LogicalType.INT16, (short) 255),
                Arguments.of("usmallint", "USMALLINT", "65535", LogicalType.INT32, 65535),
                Arguments.of("uinteger", "UINTEGER", "4294967295", LogicalType.INT64, 4_294_967_295L),
                Arguments.of("ubigint", "UBIGINT", "18446744073709551615", LogicalType.decimal(20, 0),
                        new BigDecimal("18446744073709551615")),
                Arguments.of("uhugeint", "UHUGEINT", "340282366920938463463374607431768211455", LogicalType.decimal(39, 0),
                        new BigDecimal("340282366920938463463374607431768211455")),
                Arguments.of("float", "FLOAT", "1.5", LogicalType.FLOAT32, 1.5f),
                Arguments.of("double", "DOUBLE", "2.25", LogicalType.FLOAT64, 2.25d),
                Arguments.of("decimal", "DECIMAL(12,2)", "1234567890.12", LogicalType.decimal(12, 2),
                        new BigDecimal("1234567890.12")),
                Arguments.of("varchar", "VARCHAR", "'héllo 🚀'", LogicalType.STRING, "héllo 🚀"),
                Arguments.of("blob", "BLOB", "'\\x01\\xFF'::BLOB", LogicalType.BYTES, new byte[] {1, (byte) 0xFF}),
                Arguments.of("date", "DATE", "DATE '2024-02-29'", LogicalType.DATE, LocalDate.of(2024, 2, 29)),
                Arguments.of("time", "TIME", "TIME '23:59:59.123456'", LogicalType.TIME, LocalTime.parse("23:59:59.123456")),
                Arguments.of("timestamp", "TIMESTAMP", "TIMESTAMP '2024-03-31 02:30:00.123456'", LogicalType.TIMESTAMP,
                        LocalDateTime.parse("2024-03-31T02:30:00.123456")),
                Arguments.of("timestamp_s", "TIMESTAMP_S", "TIMESTAMP_S '2024-03-31 02:30:00'", LogicalType.TIMESTAMP,
                        LocalDateTime.parse("2024-03-31T02:30:00")),
                Arguments.of("timestamp_ms", "TIMESTAMP_MS", "TIMESTAMP_MS '2024-03-31 02:30:00.123'", LogicalType.TIMESTAMP,
                        LocalDateTime.parse("2024-03-31T02:30:00.123")),
                Arguments.of("timestamp_ns", "TIMESTAMP_NS", "TIMESTAMP_NS '2024-03-31 02:30:00.123456'", LogicalType.TIMESTAMP,
                        LocalDateTime.parse("2024-03-31T02:30:00.123456")),
                Arguments.of("timestamp with time zone", "TIMESTAMPTZ", "TIMESTAMPTZ '2024-03-01 10:15:30.5+00'",
                        LogicalType.TIMESTAMPTZ, Instant.parse("2024-03-01T10:15:30.500Z")),
                Arguments.of("uuid", "UUID", "'123e4567-e89b-12d3-a456-426614174000'", LogicalType.UUID,
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000")),
                Arguments.of("json", "JSON", "'{\"a\": [1, 2]}'", LogicalType.JSON, "{\"a\": [1, 2]}"),
                Arguments.of("interval", "INTERVAL", "INTERVAL 3 DAY", LogicalType.STRING, "3 days"),
                Arguments.of("time with time zone", "TIMETZ", "TIMETZ '10:15:30+02'", LogicalType.STRING, "10:15:30+02:00"));
    }

    @Test
    void everyTableRowHasATestRow() {
        Set<String> tested = new HashSet<>();
        readRows().forEach(arguments -> tested.add((String) arguments.get()[0]));
        assertThat(tested).isEqualTo(DuckDbTypes.READ.nativeNames());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("readRows")
    void readsNativeTypeAsItsLogicalType(String row, String ddl, String literal, LogicalType type, Object value)
            throws Exception {
        String table = "read_" + (++tables);
        db.sql("CREATE TABLE main." + table + " (id INTEGER PRIMARY KEY, v " + ddl + ")",
                "INSERT INTO main." + table + " VALUES (1, " + literal + "), (2, NULL)");

        List<Object[]> rows = db.read(ReadRequest.builder(new StreamId("main", table)).build());
        Field field = discovered(table).schema().field(1);

        assertThat(field.type()).isEqualTo(type);
        assertThat(field.nativeType()).isNotEmpty();
        assertThat(rows.get(0)[1]).isEqualTo(value);
        assertThat(rows.get(1)[1]).isNull();
    }

    @Test
    void writesEveryLogicalTypeAndReadsItBack() throws Exception {
        Map<String, Object[]> columns = new LinkedHashMap<>();
        columns.put("id", new Object[] {LogicalType.INT64, 1L});
        columns.put("flag", new Object[] {LogicalType.BOOLEAN, true});
        columns.put("small", new Object[] {LogicalType.INT16, (short) -2});
        columns.put("medium", new Object[] {LogicalType.INT32, 123456});
        columns.put("real_value", new Object[] {LogicalType.FLOAT32, 0.5f});
        columns.put("double_value", new Object[] {LogicalType.FLOAT64, 1e300});
        columns.put("amount", new Object[] {LogicalType.decimal(38, 10), new BigDecimal("1234567890123456789012345678.0123456789")});
        columns.put("unbounded", new Object[] {LogicalType.decimal(0, 0), new BigDecimal("3.14159265358979323846264338327950288419716939937510")});
        columns.put("name", new Object[] {LogicalType.STRING, "ünïcødé 🚀, \"quoted\"\nnew line"});
        columns.put("payload", new Object[] {LogicalType.BYTES, new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF}});
        columns.put("day", new Object[] {LogicalType.DATE, LocalDate.of(1969, 7, 20)});
        columns.put("clock", new Object[] {LogicalType.TIME, LocalTime.of(13, 45, 1, 123_456_000)});
        columns.put("wall", new Object[] {LogicalType.TIMESTAMP, LocalDateTime.of(2024, 3, 31, 2, 30, 0, 654_321_000)});
        columns.put("moment", new Object[] {LogicalType.TIMESTAMPTZ, Instant.parse("2024-10-27T01:30:00.123456Z")});
        columns.put("ident", new Object[] {LogicalType.UUID, UUID.fromString("00000000-0000-0000-0000-0000000000ff")});
        columns.put("doc", new Object[] {LogicalType.JSON, "{\"k\": [1, \"two\"]}"});
        columns.put("tags", new Object[] {LogicalType.array(LogicalType.STRING), List.of("a", "b")});

        List<Field> fields = new ArrayList<>();
        Object[] row = new Object[columns.size()];
        int i = 0;
        for (Map.Entry<String, Object[]> column : columns.entrySet()) {
            fields.add(Field.of(column.getKey(), (LogicalType) column.getValue()[0], i > 0));
            row[i++] = column.getValue()[1];
        }
        Schema schema = Schema.of(fields);
        StreamId target = new StreamId("typed", "all_types");
        for (WriteMode mode : List.of(WriteMode.UPSERT, WriteMode.UPSERT, WriteMode.APPEND)) {
            Object[] nulls = new Object[row.length];
            nulls[0] = mode == WriteMode.APPEND ? 3L : 2L;
            try (StreamWriter writer = db.session.openWriter(new WriteRequest(target, schema, List.of("id"), mode),
                    DuckFile.context(target))) {
                writer.write(RecordBatch.of(schema, mode == WriteMode.APPEND ? List.<Object[]>of(nulls)
                        : List.of(row, nulls), null));
                writer.flush();
            }
        }

        List<Object[]> back = db.read(ReadRequest.builder(target).build());
        assertThat(back).hasSize(3);
        Schema read = discovered(target).schema();
        Map<String, String> nativeTypes = new LinkedHashMap<>();
        for (int c = 0; c < fields.size(); c++) {
            nativeTypes.put(read.field(c).name(), read.field(c).nativeType());
        }
        assertThat(nativeTypes).containsEntry("amount", "DECIMAL(38,10)").containsEntry("unbounded", "VARCHAR")
                .containsEntry("moment", "TIMESTAMP WITH TIME ZONE").containsEntry("wall", "TIMESTAMP")
                .containsEntry("payload", "BLOB").containsEntry("ident", "UUID").containsEntry("doc", "JSON")
                .containsEntry("tags", "JSON");
        for (int c = 0; c < fields.size(); c++) {
            LogicalType type = fields.get(c).type();
            Object expected = switch (type.kind()) {
                case DECIMAL -> type.precision() == 0 ? ((BigDecimal) row[c]).toPlainString() : row[c];
                case ARRAY -> "[\"a\",\"b\"]";
                default -> row[c];
            };
            LogicalType expectedType = switch (type.kind()) {
                case DECIMAL -> type.precision() == 0 ? LogicalType.STRING : type;
                case ARRAY -> LogicalType.JSON;
                default -> type;
            };
            assertThat(read.field(c).type()).as(fields.get(c).name()).isEqualTo(expectedType);
            assertThat(back.get(0)[c]).as(fields.get(c).name()).isEqualTo(expected);
            if (c > 0) {
                assertThat(back.get(1)[c]).as(fields.get(c).name()).isNull();
                assertThat(back.get(2)[c]).as(fields.get(c).name()).isNull();
            }
        }
    }

    private StreamDescriptor discovered(String table) throws Exception {
        return discovered(new StreamId("main", table));
    }

    private StreamDescriptor discovered(StreamId table) throws Exception {
        return db.session.discover().stream().filter(s -> s.id().equals(table)).findFirst().orElseThrow();
    }
}

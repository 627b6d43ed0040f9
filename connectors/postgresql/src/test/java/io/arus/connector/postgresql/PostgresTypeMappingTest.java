package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.DatabaseFixture;
import io.arus.connector.jdbc.TypeMappingContract;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** One test per row of {@link PostgresTypes#READ}, arrays, and a write-then-read of every logical type. */
class PostgresTypeMappingTest extends TypeMappingContract {
    private static final UUID AN_UUID = UUID.fromString("0b0c6f1e-7a53-4c4e-9c1e-2f8a3c5d6e7f");

    /** table row -> column DDL, SQL literal, logical type, Java value read. */
    @Override
    protected Stream<Arguments> readRows() {
        return Stream.of(
                Arguments.of("smallint", "smallint", "-32768", LogicalType.INT16, (short) -32768),
                Arguments.of("integer", "integer", "2147483647", LogicalType.INT32, 2147483647),
                Arguments.of("bigint", "bigint", "-9223372036854775808", LogicalType.INT64, Long.MIN_VALUE),
                Arguments.of("real", "real", "1.5", LogicalType.FLOAT32, 1.5f),
                Arguments.of("double precision", "double precision", "2.25", LogicalType.FLOAT64, 2.25d),
                Arguments.of("numeric", "numeric(38,9)", "'-12345678901234567890123456789.123456789'",
                        LogicalType.decimal(38, 9), new BigDecimal("-12345678901234567890123456789.123456789")),
                Arguments.of("boolean", "boolean", "true", LogicalType.BOOLEAN, true),
                Arguments.of("text", "text", "'Zoë 🚀 𝄞 中文'", LogicalType.STRING, "Zoë 🚀 𝄞 中文"),
                Arguments.of("character varying", "varchar(40)", "'émile'", LogicalType.STRING, "émile"),
                Arguments.of("character", "char(3)", "'ab'", LogicalType.STRING, "ab "),
                Arguments.of("bpchar", "bpchar", "'xyz'", LogicalType.STRING, "xyz"),
                Arguments.of("bytea", "bytea", "'\\x00ff10'::bytea", LogicalType.BYTES, new byte[] {0, -1, 16}),
                Arguments.of("date", "date", "'2024-02-29'", LogicalType.DATE, LocalDate.of(2024, 2, 29)),
                Arguments.of("time without time zone", "time", "'23:59:58.123456'", LogicalType.TIME,
                        LocalTime.parse("23:59:58.123456")),
                Arguments.of("timestamp without time zone", "timestamp", "'2024-03-31 02:30:00.5'",
                        LogicalType.TIMESTAMP, LocalDateTime.parse("2024-03-31T02:30:00.5")),
                Arguments.of("timestamp with time zone", "timestamptz", "'2024-05-01 10:00:00.123456+02'",
                        LogicalType.TIMESTAMPTZ, Instant.parse("2024-05-01T08:00:00.123456Z")),
                Arguments.of("uuid", "uuid", "'" + AN_UUID + "'", LogicalType.UUID, AN_UUID),
                Arguments.of("json", "json", "'{\"a\": [1, 2]}'", LogicalType.JSON, "{\"a\": [1, 2]}"),
                Arguments.of("jsonb", "jsonb", "'{\"b\": \"🚀\", \"a\": 1}'", LogicalType.JSON,
                        "{\"a\": 1, \"b\": \"🚀\"}"),
                Arguments.of("interval", "interval", "'1 day 02:00:00'", LogicalType.STRING, "1 day 02:00:00"),
                Arguments.of("time with time zone", "timetz", "'10:00:00+02'", LogicalType.STRING, "10:00:00+02"));
    }

    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return new PgFixture();
    }

    @Override
    protected Set<String> tableRows() {
        return PostgresTypes.READ.nativeNames();
    }

    @Test
    void readsOneDimensionalArraysAsLists() throws Exception {
        db.sql("CREATE TABLE " + db.q("arrays") + " (id int PRIMARY KEY, ints int[], texts text[], nums numeric(5,2)[],"
                        + " grid int[][])",
                "INSERT INTO " + db.q("arrays") + " VALUES (1, '{1,NULL,3}', '{\"a\",\"🚀\"}', '{1.50}', '{{1,2},{3,4}}')");

        List<Object[]> rows = readAll(db.table("arrays"));
        Schema schema = discovered("arrays").schema();

        assertThat(schema.field(1).type()).isEqualTo(LogicalType.array(LogicalType.INT32));
        assertThat(schema.field(2).type()).isEqualTo(LogicalType.array(LogicalType.STRING));
        assertThat(schema.field(3).type()).isEqualTo(LogicalType.array(LogicalType.decimal(5, 2)));
        // PostgreSQL does not record an array column's dimensions: int[][] is "integer[]" in the catalog
        assertThat(schema.field(4).type()).isEqualTo(LogicalType.array(LogicalType.INT32));
        assertThat(rows.get(0)[1]).isEqualTo(java.util.Arrays.asList(1, null, 3));
        assertThat(rows.get(0)[2]).isEqualTo(List.of("a", "🚀"));
        assertThat(rows.get(0)[3]).isEqualTo(List.of(new BigDecimal("1.50")));
        assertThat(rows.get(0)[4]).isEqualTo(List.of(List.of(1, 2), List.of(3, 4)));
    }

    @Override
    protected Map<String, Object[]> roundTripColumns() {
        Map<String, Object[]> columns = new LinkedHashMap<>();
        columns.put("id", new Object[] {LogicalType.INT64, 1L});
        columns.put("flag", new Object[] {LogicalType.BOOLEAN, true});
        columns.put("small", new Object[] {LogicalType.INT16, (short) -7});
        columns.put("medium", new Object[] {LogicalType.INT32, 123_456});
        columns.put("ratio", new Object[] {LogicalType.FLOAT32, 0.25f});
        columns.put("score", new Object[] {LogicalType.FLOAT64, -1.0e300});
        columns.put("amount", new Object[] {LogicalType.decimal(12, 2), new BigDecimal("-9999999999.99")});
        columns.put("tiny_fraction", new Object[] {LogicalType.decimal(20, 10), new BigDecimal("0.0000000001")});
        columns.put("huge", new Object[] {LogicalType.decimal(0, 0), new BigDecimal("123456789012345678901234567890.5")});
        columns.put("name", new Object[] {LogicalType.STRING, "Łukasz 🚀 𝄞"});
        columns.put("payload", new Object[] {LogicalType.BYTES, new byte[] {1, 2, 0, -128}});
        columns.put("day", new Object[] {LogicalType.DATE, LocalDate.of(1999, 12, 31)});
        columns.put("at", new Object[] {LogicalType.TIME, LocalTime.parse("07:08:09.000001")});
        columns.put("wall", new Object[] {LogicalType.TIMESTAMP, LocalDateTime.parse("2024-03-31T02:30:00.123456")});
        columns.put("instant", new Object[] {LogicalType.TIMESTAMPTZ, Instant.parse("1969-07-20T20:17:40.5Z")});
        columns.put("uid", new Object[] {LogicalType.UUID, AN_UUID});
        columns.put("doc", new Object[] {LogicalType.JSON, "{\"a\": 1}"});
        columns.put("tags", new Object[] {LogicalType.array(LogicalType.STRING), java.util.Arrays.asList("x", null, "🚀")});
        columns.put("counts", new Object[] {LogicalType.array(LogicalType.INT64), List.of(1L, 2L)});
        columns.put("address", new Object[] {LogicalType.struct(List.of(Field.of("city", LogicalType.STRING, true))),
                Map.of("city", "Kraków")});
        return columns;
    }

    @Override
    protected Object keyOfNullRow() {
        return 2L;
    }

    @Override
    protected LogicalType typeReadBack(LogicalType written) {
        return written.kind() == LogicalType.Kind.STRUCT ? LogicalType.JSON : written;
    }

    @Override
    protected Object valueReadBack(LogicalType written, Object value) {
        return written.kind() == LogicalType.Kind.STRUCT ? "{\"city\": \"Kraków\"}" : value;
    }
}

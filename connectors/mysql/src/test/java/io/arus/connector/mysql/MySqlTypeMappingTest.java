package io.arus.connector.mysql;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
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
import org.junit.jupiter.params.provider.Arguments;

/** One test per row of {@link MySqlTypes#READ} (and each variant a row's rule tells apart), and a write round trip. */
class MySqlTypeMappingTest extends TypeMappingContract {
    private static final UUID AN_UUID = UUID.fromString("0b0c6f1e-7a53-4c4e-9c1e-2f8a3c5d6e7f");

    /** table row -> column DDL, SQL literal, logical type, Java value read. */
    @Override
    protected Stream<Arguments> readRows() {
        return Stream.of(
                Arguments.of("tinyint", "tinyint(1)", "1", LogicalType.BOOLEAN, true),
                Arguments.of("tinyint", "tinyint", "-128", LogicalType.INT16, (short) -128),
                Arguments.of("tinyint", "tinyint unsigned", "255", LogicalType.INT16, (short) 255),
                Arguments.of("smallint", "smallint", "-32768", LogicalType.INT16, (short) -32768),
                Arguments.of("smallint", "smallint unsigned", "65535", LogicalType.INT32, 65535),
                Arguments.of("mediumint", "mediumint unsigned", "16777215", LogicalType.INT32, 16777215),
                Arguments.of("int", "int", "-2147483648", LogicalType.INT32, Integer.MIN_VALUE),
                Arguments.of("int", "int unsigned", "4294967295", LogicalType.INT64, 4294967295L),
                Arguments.of("bigint", "bigint", "-9223372036854775808", LogicalType.INT64, Long.MIN_VALUE),
                Arguments.of("bigint", "bigint unsigned", "18446744073709551615", LogicalType.decimal(20, 0),
                        new BigDecimal("18446744073709551615")),
                Arguments.of("float", "float", "1.5", LogicalType.FLOAT32, 1.5f),
                Arguments.of("double", "double", "-2.25e300", LogicalType.FLOAT64, -2.25e300),
                Arguments.of("decimal", "decimal(65,30)", "'-12345678901234567890123456789012345.123456789012345678901234567891'",
                        LogicalType.decimal(65, 30),
                        new BigDecimal("-12345678901234567890123456789012345.123456789012345678901234567891")),
                Arguments.of("bit", "bit(1)", "b'1'", LogicalType.BOOLEAN, true),
                Arguments.of("year", "year", "2024", LogicalType.INT16, (short) 2024),
                Arguments.of("char", "char(3)", "'ab'", LogicalType.STRING, "ab"),
                Arguments.of("varchar", "varchar(40)", "'Zoë 🚀 𝄞'", LogicalType.STRING, "Zoë 🚀 𝄞"),
                Arguments.of("tinytext", "tinytext", "'émile'", LogicalType.STRING, "émile"),
                Arguments.of("text", "text", "'中文 🚀'", LogicalType.STRING, "中文 🚀"),
                Arguments.of("mediumtext", "mediumtext", "'m'", LogicalType.STRING, "m"),
                Arguments.of("longtext", "longtext", "'😀😀'", LogicalType.STRING, "😀😀"),
                Arguments.of("enum", "enum('new','paid')", "'paid'", LogicalType.STRING, "paid"),
                Arguments.of("set", "set('a','b','c')", "'a,c'", LogicalType.STRING, "a,c"),
                Arguments.of("binary", "binary(3)", "x'00ff10'", LogicalType.BYTES, new byte[] {0, -1, 16}),
                Arguments.of("varbinary", "varbinary(10)", "x'01'", LogicalType.BYTES, new byte[] {1}),
                Arguments.of("tinyblob", "tinyblob", "x'02'", LogicalType.BYTES, new byte[] {2}),
                Arguments.of("blob", "blob", "x'0300'", LogicalType.BYTES, new byte[] {3, 0}),
                Arguments.of("mediumblob", "mediumblob", "x'04'", LogicalType.BYTES, new byte[] {4}),
                Arguments.of("longblob", "longblob", "x'05'", LogicalType.BYTES, new byte[] {5}),
                Arguments.of("date", "date", "'2024-02-29'", LogicalType.DATE, LocalDate.of(2024, 2, 29)),
                Arguments.of("time", "time(6)", "'23:59:58.123456'", LogicalType.TIME, LocalTime.parse("23:59:58.123456")),
                Arguments.of("datetime", "datetime(6)", "'2024-03-31 02:30:00.5'", LogicalType.TIMESTAMP,
                        LocalDateTime.parse("2024-03-31T02:30:00.5")),
                // the literal is read in the admin session's +05:30 zone: 15:30 there is 10:00 UTC
                Arguments.of("timestamp", "timestamp(6) NULL", "'2024-05-01 15:30:00.25'", LogicalType.TIMESTAMPTZ,
                        Instant.parse("2024-05-01T10:00:00.25Z")),
                Arguments.of("json", "json", "'{\"a\": [1, 2], \"b\": \"🚀\"}'", LogicalType.JSON,
                        "{\"a\": [1, 2], \"b\": \"🚀\"}"),
                Arguments.of("uuid", "uuid", "'" + AN_UUID + "'", LogicalType.UUID, AN_UUID));
    }

    @Override
    protected DatabaseFixture newFixture() throws Exception {
        return MyFixture.inZone("+05:30");
    }

    @Override
    protected Set<String> tableRows() {
        return MySqlTypes.READ.nativeNames();
    }

    @Override
    protected Map<String, Object[]> roundTripColumns() {
        Map<String, Object[]> columns = new LinkedHashMap<>();
        columns.put("id", new Object[] {LogicalType.STRING, "key-🚀"});
        columns.put("flag", new Object[] {LogicalType.BOOLEAN, true});
        columns.put("small", new Object[] {LogicalType.INT16, (short) -7});
        columns.put("medium", new Object[] {LogicalType.INT32, 123_456});
        columns.put("big", new Object[] {LogicalType.INT64, Long.MAX_VALUE});
        columns.put("ratio", new Object[] {LogicalType.FLOAT32, 0.25f});
        columns.put("score", new Object[] {LogicalType.FLOAT64, -1.0e300});
        columns.put("amount", new Object[] {LogicalType.decimal(12, 2), new BigDecimal("-9999999999.99")});
        columns.put("name", new Object[] {LogicalType.STRING, "Łukasz 🚀 𝄞"});
        columns.put("payload", new Object[] {LogicalType.BYTES, new byte[] {1, 2, 0, -128}});
        columns.put("day", new Object[] {LogicalType.DATE, LocalDate.of(1999, 12, 31)});
        columns.put("at", new Object[] {LogicalType.TIME, LocalTime.parse("07:08:09.000001")});
        columns.put("wall", new Object[] {LogicalType.TIMESTAMP, LocalDateTime.parse("2024-03-31T02:30:00.123456")});
        columns.put("instant", new Object[] {LogicalType.TIMESTAMPTZ, Instant.parse("2024-07-20T20:17:40.5Z")});
        columns.put("uid", new Object[] {LogicalType.UUID, AN_UUID});
        columns.put("doc", new Object[] {LogicalType.JSON, "{\"a\": 1}"});
        columns.put("tags", new Object[] {LogicalType.array(LogicalType.STRING), List.of("x", "🚀")});
        columns.put("address", new Object[] {LogicalType.struct(List.of(Field.of("city", LogicalType.STRING, true))),
                Map.of("city", "Kraków")});
        return columns;
    }

    @Override
    protected Object keyOfNullRow() {
        return "KEY-🚀";
    }

    @Override
    protected LogicalType typeReadBack(LogicalType written) {
        // MySQL has no UUID, array or struct column: those come back as text and JSON
        return switch (written.kind()) {
            case UUID -> LogicalType.STRING;
            case ARRAY, STRUCT -> LogicalType.JSON;
            default -> written;
        };
    }

    @Override
    protected Object valueReadBack(LogicalType written, Object value) {
        return switch (written.kind()) {
            case UUID -> AN_UUID.toString();
            // MariaDB keeps JSON text as written (MySQL would normalise it)
            case ARRAY -> "[\"x\",\"🚀\"]";
            case STRUCT -> "{\"city\":\"Kraków\"}";
            default -> value;
        };
    }
}

package io.arus.connector.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.arus.connector.jdbc.NativeType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Binlog cells become the full-refresh reader's values; table maps that no longer fit are named. */
class BinlogValuesTest {
    private static CaptureTable.Column column(String type, String charset) {
        NativeType parsed = NativeType.parse(type);
        return new CaptureTable.Column("c", parsed, true, MySqlTypes.read(parsed), CaptureTable.javaCharset(charset));
    }

    private static CaptureTable.Column column(String type) {
        return column(type, "utf8mb4");
    }

    private static Object convert(String type, ColumnType binlogType, Serializable cell) {
        return BinlogValues.convert(column(type), binlogType, cell);
    }

    @Test
    void integersAreReadWithTheColumnsSignedness() {
        assertThat(convert("tinyint(3) unsigned", ColumnType.TINY, -56)).isEqualTo((short) 200);
        assertThat(convert("tinyint(4)", ColumnType.TINY, -56)).isEqualTo((short) -56);
        assertThat(convert("tinyint(1)", ColumnType.TINY, 2)).isEqualTo(true);
        assertThat(convert("smallint(5) unsigned", ColumnType.SHORT, -1)).isEqualTo(65535);
        assertThat(convert("mediumint(8) unsigned", ColumnType.INT24, -1)).isEqualTo(16_777_215);
        assertThat(convert("int(10) unsigned", ColumnType.LONG, -1)).isEqualTo(4_294_967_295L);
        assertThat(convert("bigint(20) unsigned", ColumnType.LONGLONG, -1L))
                .isEqualTo(new BigDecimal("18446744073709551615"));
        // an event written before the column was widened still converts
        assertThat(convert("bigint(20)", ColumnType.LONG, 7)).isEqualTo(7L);
        assertThat(convert("year(4)", ColumnType.YEAR, 1900)).isEqualTo((short) 0);
        assertThat(convert("year(4)", ColumnType.YEAR, 2155)).isEqualTo((short) 2155);
    }

    @Test
    void decimalsKeepTheColumnsScale() {
        assertThat(convert("decimal(10,2)", ColumnType.NEWDECIMAL, new BigDecimal("12.3")))
                .isEqualTo(new BigDecimal("12.30"));
    }

    @Test
    void textIsDecodedWithTheColumnsCharacterSet() {
        assertThat(convert("varchar(10)", ColumnType.VARCHAR, "café".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("café");
        assertThat(BinlogValues.convert(column("varchar(10)", "latin1"), ColumnType.VARCHAR,
                new byte[] {'c', 'a', 'f', (byte) 0xE9})).isEqualTo("café");
        assertThat(convert("char(4)", ColumnType.STRING, "ab  ".getBytes(StandardCharsets.UTF_8))).isEqualTo("ab");
        assertThat(convert("enum('a','it''s')", ColumnType.ENUM, 2)).isEqualTo("it's");
        assertThat(convert("enum('a','b')", ColumnType.ENUM, 0)).isEqualTo("");
        assertThat(convert("set('x','y','z')", ColumnType.SET, 5L)).isEqualTo("x,z");
        assertThat(convert("json", ColumnType.BLOB, "{\"k\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"k\": 1}");
    }

    @Test
    void bytesAreTheStoredBytes() {
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(9);
        bits.set(11);
        assertThat((byte[]) convert("bit(12)", ColumnType.BIT, bits)).containsExactly(0x0A, 0x01);
        assertThat(convert("bit(1)", ColumnType.BIT, bits)).isEqualTo(true);
        assertThat((byte[]) convert("binary(4)", ColumnType.STRING, new byte[] {'A', 'B'}))
                .containsExactly('A', 'B', 0, 0);
        assertThat((byte[]) convert("varbinary(4)", ColumnType.VARCHAR, new byte[] {0, 1})).containsExactly(0, 1);
    }

    @Test
    void temporalMicrosecondsAreReadAsUtcWallClock() {
        long micros = 1_714_558_271_123_456L; // 2024-05-01T10:11:11.123456Z
        assertThat(convert("timestamp(6)", ColumnType.TIMESTAMP_V2, micros))
                .isEqualTo(Instant.parse("2024-05-01T10:11:11.123456Z"));
        assertThat(convert("datetime(6)", ColumnType.DATETIME_V2, micros))
                .isEqualTo(LocalDateTime.parse("2024-05-01T10:11:11.123456"));
        assertThat(convert("date", ColumnType.DATE, LocalDate.parse("1969-07-20").toEpochDay() * 86_400_000_000L))
                .isEqualTo(LocalDate.parse("1969-07-20"));
        assertThat(convert("time(3)", ColumnType.TIME_V2, 45_296_789_000L)).isEqualTo(LocalTime.parse("12:34:56.789"));
        assertThat(convert("date", ColumnType.DATE, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int(11)|LONGLONG|0|its type is int(11) for this reader, the binlog has LONGLONG",
        "varchar(10)|LONG|0|its type is varchar(10) for this reader, the binlog has LONG",
        "decimal(10,2)|NEWDECIMAL|1036|its type is decimal(10,2) for this reader, the binlog has decimal(12,4)",
        "decimal(10,2)|NEWDECIMAL|520|",
        "bigint(20)|LONG|0|",
        "datetime(6)|DATETIME_V2|6|",
        "char(3)|VARCHAR|0|",
        "geometry|GEOMETRY|0|"})
    void aTableMapThatNoLongerFitsIsNamed(String type, ColumnType binlogType, int meta, String problem) {
        assertThat(BinlogValues.incompatibility(column(type), binlogType, meta)).isEqualTo(problem);
    }

    @Test
    void charEnumAndSetAreUnpackedFromTheirMetadata() {
        assertThat(TableColumns.unpack(ColumnType.STRING.getCode(), (ColumnType.ENUM.getCode() << 8) | 1))
                .isEqualTo(ColumnType.ENUM);
        assertThat(TableColumns.unpack(ColumnType.STRING.getCode(), (ColumnType.SET.getCode() << 8) | 1))
                .isEqualTo(ColumnType.SET);
        assertThat(TableColumns.unpack(ColumnType.STRING.getCode(), (ColumnType.STRING.getCode() << 8) | 16))
                .isEqualTo(ColumnType.STRING);
    }
}

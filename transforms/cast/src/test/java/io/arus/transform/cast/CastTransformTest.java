package io.arus.transform.cast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.ConfigException;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CastTransformTest {
    private final CastTransform transform = new CastTransform();

    private TransformStep open(Schema input, Map<String, Object> config) throws ConfigException {
        return transform.open(CastTransform.SPEC.resolve(config), input, null);
    }

    /** Casts one value of the given type with the given target (and optional format), on_error reject. */
    private Object cast(LogicalType from, Object value, String to, String... format) throws Exception {
        Schema input = Schema.of(Field.of("v", from, true));
        Map<String, Object> config = format.length == 0 ? Map.of("columns", Map.of("v", to))
                : Map.of("columns", Map.of("v", to), "formats", Map.of("v", format[0]));
        TransformResult result = open(input, config).apply(RecordBatch.of(input, List.<Object[]>of(new Object[] {value}),
                null));
        assertThat(result.rejected()).as("rejected: %s", result.rejected().isEmpty() ? ""
                : result.rejected().get(0).reason()).isEmpty();
        return result.batch().rows().get(0)[0];
    }

    private String reason(LogicalType from, Object value, String to) throws Exception {
        Schema input = Schema.of(Field.of("v", from, true));
        TransformResult result = open(input, Map.of("columns", Map.of("v", to)))
                .apply(RecordBatch.of(input, List.<Object[]>of(new Object[] {value}), null));
        assertThat(result.batch().rows()).isEmpty();
        return result.rejected().get(0).reason();
    }

    @Test
    void textToEveryType() throws Exception {
        LogicalType s = LogicalType.STRING;
        assertThat(cast(s, " 42 ", "int16")).isEqualTo((short) 42);
        assertThat(cast(s, "42", "int32")).isEqualTo(42);
        assertThat(cast(s, "-9000000000", "int64")).isEqualTo(-9_000_000_000L);
        assertThat(cast(s, "1.5", "float32")).isEqualTo(1.5f);
        assertThat(cast(s, "1e3", "float64")).isEqualTo(1000.0);
        assertThat(cast(s, "12.345", "decimal(12,2)")).isEqualTo(new BigDecimal("12.35"));
        assertThat(cast(s, "12.3456789", "decimal")).isEqualTo(new BigDecimal("12.3456789"));
        assertThat(cast(s, "yes", "boolean")).isEqualTo(true);
        assertThat(cast(s, "F", "boolean")).isEqualTo(false);
        assertThat(cast(s, "2024-02-29", "date")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(cast(s, "13:45:10", "time")).isEqualTo(LocalTime.of(13, 45, 10));
        assertThat(cast(s, "2024-02-29 13:45:10", "timestamp")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 10));
        assertThat(cast(s, "2024-02-29T13:45:10+02:00", "timestamptz"))
                .isEqualTo(Instant.parse("2024-02-29T11:45:10Z"));
        assertThat(cast(s, "2024-02-29T13:45:10", "timestamptz")).isEqualTo(Instant.parse("2024-02-29T13:45:10Z"));
        UUID uuid = UUID.randomUUID();
        assertThat(cast(s, uuid.toString(), "uuid")).isEqualTo(uuid);
        assertThat(cast(s, "{\"a\": [1, 2]}", "json")).isEqualTo("{\"a\": [1, 2]}");
        assertThat((byte[]) cast(s, "hé", "bytes")).containsExactly('h', 0xC3, 0xA9);
    }

    @Test
    void formatsParseAndFormatDatesAndTimes() throws Exception {
        LogicalType s = LogicalType.STRING;
        assertThat(cast(s, "29.02.2024", "date", "dd.MM.yyyy")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(cast(s, "29/02/2024 07:05", "timestamp", "dd/MM/yyyy HH:mm"))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 7, 5));
        assertThat(cast(s, "07h05", "time", "HH'h'mm")).isEqualTo(LocalTime.of(7, 5));
        assertThat(cast(s, "2024-02-29 07:05 +0100", "timestamptz", "yyyy-MM-dd HH:mm Z"))
                .isEqualTo(Instant.parse("2024-02-29T06:05:00Z"));
        assertThat(cast(s, "2024-02-29 07:05", "timestamptz", "yyyy-MM-dd HH:mm"))
                .isEqualTo(Instant.parse("2024-02-29T07:05:00Z"));
        assertThat(cast(s, "29.02.2024", "timestamptz", "dd.MM.yyyy")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(cast(LogicalType.DATE, LocalDate.of(2024, 2, 29), "string", "dd.MM.yyyy")).isEqualTo("29.02.2024");
        assertThat(cast(LogicalType.TIMESTAMPTZ, Instant.parse("2024-02-29T06:05:00Z"), "string", "yyyy-MM-dd HH:mm"))
                .isEqualTo("2024-02-29 06:05");
        assertThat(reason(LogicalType.STRING, "29.02.2024", "date")).isEqualTo("v: '29.02.2024' is not a date");
    }

    @Test
    void valuesToText() throws Exception {
        assertThat(cast(LogicalType.decimal(10, 2), new BigDecimal("1E+3"), "string")).isEqualTo("1000");
        assertThat(cast(LogicalType.INT64, 7L, "string")).isEqualTo("7");
        assertThat(cast(LogicalType.BOOLEAN, true, "string")).isEqualTo("true");
        assertThat(cast(LogicalType.DATE, LocalDate.of(2024, 1, 2), "string")).isEqualTo("2024-01-02");
        assertThat(cast(LogicalType.UUID, new UUID(0, 1), "string")).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(cast(LogicalType.JSON, "{\"a\":1}", "string")).isEqualTo("{\"a\":1}");
        assertThat(cast(LogicalType.BYTES, new byte[] {1, 2}, "string")).isEqualTo("AQI=");
        assertThat(cast(LogicalType.INT32, 5, "json")).isEqualTo("5");
    }

    @Test
    void numbersBetweenEachOtherWithOverflowAsAnError() throws Exception {
        assertThat(cast(LogicalType.INT64, 300L, "int16")).isEqualTo((short) 300);
        assertThat(reason(LogicalType.INT64, 40_000L, "int16")).isEqualTo("v: '40000' is not a int16 (out of range)");
        assertThat(cast(LogicalType.FLOAT64, 2.5, "int32")).isEqualTo(3);
        assertThat(cast(LogicalType.decimal(5, 1), new BigDecimal("-2.5"), "int64")).isEqualTo(-3L);
        assertThat(cast(LogicalType.INT32, 7, "float64")).isEqualTo(7.0);
        assertThat(reason(LogicalType.FLOAT64, 1e300, "float32")).contains("out of range");
        assertThat(cast(LogicalType.FLOAT64, 0.1, "decimal(5,3)")).isEqualTo(new BigDecimal("0.100"));
        assertThat(reason(LogicalType.FLOAT64, Double.NaN, "decimal(5,3)")).startsWith("v: 'NaN' is not a decimal(5,3)");
        assertThat(cast(LogicalType.BOOLEAN, true, "int32")).isEqualTo(1);
        assertThat(cast(LogicalType.INT16, (short) 0, "boolean")).isEqualTo(false);
        assertThat(reason(LogicalType.INT16, (short) 2, "boolean")).contains("only 0 and 1 are booleans");
    }

    @Test
    void decimalPrecisionAndScale() throws Exception {
        assertThat(cast(LogicalType.STRING, "9999999999.994", "decimal(12,2)")).isEqualTo(new BigDecimal("9999999999.99"));
        assertThat(cast(LogicalType.STRING, "-0.005", "decimal(12,2)")).isEqualTo(new BigDecimal("-0.01"));
        assertThat(reason(LogicalType.STRING, "9999999999.995", "decimal(12,2)"))
                .isEqualTo("v: '9999999999.995' is not a decimal(12,2) (too many integer digits)");
        assertThat(reason(LogicalType.STRING, "abc", "decimal(12,2)")).isEqualTo("v: 'abc' is not a decimal(12,2)");
    }

    @Test
    void betweenDatesAndTimesInUtc() throws Exception {
        assertThat(cast(LogicalType.DATE, LocalDate.of(2024, 1, 2), "timestamp")).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
        assertThat(cast(LogicalType.DATE, LocalDate.of(2024, 1, 2), "timestamptz")).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(cast(LogicalType.TIMESTAMP, LocalDateTime.of(2024, 1, 2, 3, 4), "timestamptz"))
                .isEqualTo(Instant.parse("2024-01-02T03:04:00Z"));
        assertThat(cast(LogicalType.TIMESTAMPTZ, Instant.parse("2024-01-02T03:04:00Z"), "timestamp"))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4));
        assertThat(cast(LogicalType.TIMESTAMPTZ, Instant.parse("2024-01-02T23:04:00Z"), "date")).isEqualTo(LocalDate.of(2024, 1, 2));
        assertThat(cast(LogicalType.TIMESTAMP, LocalDateTime.of(2024, 1, 2, 3, 4), "time")).isEqualTo(LocalTime.of(3, 4));
    }

    @Test
    void rejectsWithTheReasonAndKeepsTheOriginalRowAndTheOffset() throws Exception {
        Schema input = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("price", LogicalType.STRING, true),
                Field.of("note", LogicalType.STRING, true));
        TransformStep step = open(input, Map.of("columns", Map.of("price", "decimal(12,2)")));
        Offset offset = Offset.of(Map.of("id", 3));
        Object[] bad = {2L, "abc", "x"};
        TransformResult result = step.apply(RecordBatch.of(input, List.of(new Object[] {1L, "1.5", RecordBatch.ABSENT},
                bad, new Object[] {3L, null, null}, new Object[] {4L, RecordBatch.ABSENT, "y"}), offset));
        assertThat(result.batch().schema().field(1)).isEqualTo(Field.of("price", LogicalType.decimal(12, 2), true));
        assertThat(result.batch().rows()).containsExactly(new Object[] {1L, new BigDecimal("1.50"), RecordBatch.ABSENT},
                new Object[] {3L, null, null}, new Object[] {4L, RecordBatch.ABSENT, "y"});
        assertThat(result.rejected()).hasSize(1);
        assertThat(result.rejected().get(0).values()).isSameAs(bad).containsExactly(2L, "abc", "x");
        assertThat(result.rejected().get(0).reason()).isEqualTo("price: 'abc' is not a decimal(12,2)");
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
    }

    @Test
    void inPlaceCastsIntoTheGivenRowsAndARejectedRowGetsBackTheValuesItCameWith() throws Exception {
        Schema input = Schema.of(Field.of("id", LogicalType.STRING, false), Field.of("price", LogicalType.STRING, true));
        TransformStep step = open(input, Map.of("columns", Map.of("id", "int64", "price", "decimal(12,2)")));
        assertThat(step.writesInPlace()).isTrue();
        Object[] good = {"1", "2.5"};
        Object[] bad = {"2", "abc"};
        TransformResult result = step.applyInPlace(RecordBatch.of(input, List.of(good, bad), null));
        assertThat(result.batch().rows()).hasSize(1);
        assertThat(result.batch().rows().get(0)).isSameAs(good).containsExactly(1L, new BigDecimal("2.50"));
        assertThat(result.rejected().get(0).values()).isSameAs(bad).containsExactly("2", "abc");
        assertThat(result.rejected().get(0).reason()).isEqualTo("price: 'abc' is not a decimal(12,2)");
    }

    @Test
    void onErrorNullSetsNullAndMakesTheColumnNullable() throws Exception {
        Schema input = Schema.of(Field.of("id", LogicalType.STRING, false), Field.of("d", LogicalType.STRING, false));
        TransformStep step = open(input, Map.of("columns", Map.of("id", "int32", "d", "date"), "on_error", "null"));
        TransformResult result = step.apply(RecordBatch.of(input,
                List.of(new Object[] {"1", "2024-01-02"}, new Object[] {"x", "soon"}), null));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.batch().rows()).containsExactly(new Object[] {1, LocalDate.of(2024, 1, 2)},
                new Object[] {null, null});
        assertThat(step.outputSchema().fields()).allMatch(Field::nullable);
    }

    @Test
    void refusesBadTypesFormatsAndUnknownOrUncastableColumnsByName() {
        Schema input = Schema.of(Field.of("a", LogicalType.BYTES, true), Field.of("b", LogicalType.STRING, true));
        assertThatThrownBy(() -> open(input, Map.of("columns", Map.of("b", "decimal(2,5)"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("columns.b:");
        assertThatThrownBy(() -> transform.check(CastTransform.SPEC.resolve(Map.of("columns", Map.of("b", "money")))))
                .hasMessageContaining("columns.b:");
        assertThatThrownBy(() -> open(input, Map.of("columns", Map.of("b", "array<string>"))))
                .hasMessageContaining("columns.b: cannot cast to array<string>");
        assertThatThrownBy(() -> open(input, Map.of("columns", Map.of("b", "date"), "formats", Map.of("b", "yyyy-MM-dd{"))))
                .hasMessageContaining("formats.b: not a valid date/time pattern");
        assertThatThrownBy(() -> open(input, Map.of("columns", Map.of("b", "date"), "formats", Map.of("a", "yyyy"))))
                .hasMessageContaining("formats.a: 'a' is not cast");
        assertThatThrownBy(() -> open(input, Map.of("columns", Map.of("zz", "date"))))
                .hasMessageContaining("columns.zz: no column 'zz'");
        assertThatThrownBy(() -> open(input, Map.of("columns", Map.of("a", "date"))))
                .hasMessageContaining("columns.a: cannot cast bytes to date");
        assertThatThrownBy(() -> open(input, Map.of("columns", Map.of())))
                .hasMessageContaining("columns: name at least one column");
        assertThatThrownBy(() -> open(input, Map.of("columns", Map.of("b", "date"), "on_error", "skip")))
                .hasMessageContaining("on_error");
    }

    @Test
    void rejectsBadTextForEachKind() throws Exception {
        assertThat(reason(LogicalType.STRING, "maybe", "boolean")).isEqualTo("v: 'maybe' is not a boolean");
        assertThat(reason(LogicalType.STRING, "12x", "int32")).isEqualTo("v: '12x' is not a int32");
        assertThat(reason(LogicalType.STRING, "1234", "uuid")).isEqualTo("v: '1234' is not a uuid");
        assertThat(reason(LogicalType.STRING, "{\"a\":", "json")).isEqualTo("v: '{\"a\":' is not a json");
        assertThat(reason(LogicalType.STRING, "{} x", "json")).startsWith("v: '{} x' is not a json");
        assertThat(reason(LogicalType.STRING, "25:00", "time")).isEqualTo("v: '25:00' is not a time");
        assertThat(reason(LogicalType.STRING, "x".repeat(100), "int32")).contains("xxx...' is not");
    }
}

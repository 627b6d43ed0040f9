package io.arus.transform.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.type.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per target kind: what an expression's value becomes, and what does not fit. */
class ValueConversionTest {
    private static final UUID ID = UUID.fromString("0b9f7a4e-5f2c-4a8e-9d1e-2f6a1c3b4d5e");

    @Test
    void convertsToEveryKindAnExpressionCanGive() throws Exception {
        assertThat(ValueConversion.to(LogicalType.STRING, new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(ValueConversion.to(LogicalType.JSON, "{\"a\":1}")).isEqualTo("{\"a\":1}");
        assertThat(ValueConversion.to(LogicalType.BOOLEAN, "TRUE")).isEqualTo(true);
        assertThat(ValueConversion.to(LogicalType.INT16, 12L)).isEqualTo((short) 12);
        assertThat(ValueConversion.to(LogicalType.INT32, "42")).isEqualTo(42);
        assertThat(ValueConversion.to(LogicalType.INT64, new BigDecimal("7.000"))).isEqualTo(7L);
        assertThat(ValueConversion.to(LogicalType.FLOAT32, 1.5)).isEqualTo(1.5f);
        assertThat(ValueConversion.to(LogicalType.FLOAT64, "2.25")).isEqualTo(2.25);
        assertThat(ValueConversion.to(LogicalType.decimal(6, 2), 1.005)).isEqualTo(new BigDecimal("1.01"));
        assertThat(ValueConversion.to(LogicalType.decimal(0, 0), "12.3456")).isEqualTo(new BigDecimal("12.3456"));
        assertThat(ValueConversion.to(LogicalType.DATE, LocalDateTime.of(2026, 1, 2, 3, 4)))
                .isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(ValueConversion.to(LogicalType.TIME, "10:11:12")).isEqualTo(LocalTime.of(10, 11, 12));
        assertThat(ValueConversion.to(LogicalType.TIMESTAMP, LocalDate.of(2026, 1, 2)))
                .isEqualTo(LocalDateTime.of(2026, 1, 2, 0, 0));
        assertThat(ValueConversion.to(LogicalType.TIMESTAMPTZ, "2026-01-02T03:04:05Z"))
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(ValueConversion.to(LogicalType.UUID, ID.toString())).isEqualTo(ID);
        assertThat(ValueConversion.to(LogicalType.INT64, null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "int16   | 70000      | is not a int16",
        "int32   | 1.5        | is not a int32",
        "boolean | yes        | is not a boolean",
        "decimal(4,2) | 123.45 | is not a decimal(4,2)",
        "date    | 02.01.2026 | is not a date",
        "uuid    | nope       | is not a uuid",
    })
    void refusesWhatDoesNotFit(String type, String value, String message) {
        assertThatThrownBy(() -> ValueConversion.to(LogicalType.parse(type), value))
                .isInstanceOf(ExpressionException.class).hasMessageContaining(message);
    }

    @Test
    void bytesArraysAndStructsAreNotProduced() {
        assertThat(ValueConversion.supports(LogicalType.BYTES)).isFalse();
        assertThat(ValueConversion.supports(LogicalType.array(LogicalType.STRING))).isFalse();
        assertThat(ValueConversion.supports(LogicalType.TIMESTAMPTZ)).isTrue();
    }
}

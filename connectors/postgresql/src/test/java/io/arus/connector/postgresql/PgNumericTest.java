package io.arus.connector.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PgNumericTest {
    @Test
    void theFastPathEncodesExactlyLikeTheTextPath() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long unscaled = switch (i % 4) {
                case 0 -> random.nextInt(100_000);
                case 1 -> random.nextLong() >> random.nextInt(64);
                case 2 -> -random.nextInt(10_000_000);
                default -> random.nextLong() / 4;
            };
            BigDecimal value = BigDecimal.valueOf(unscaled, random.nextInt(16));
            assertThat(PgNumeric.fast(value)).as(value.toPlainString()).isEqualTo(PgNumeric.slow(value));
        }
    }

    @Test
    void knownValuesHaveTheDocumentedDigitsAndWeight() {
        assertThat(PgNumeric.of(new BigDecimal("12345.67"))).isEqualTo(new PgNumeric(new short[] {1, 2345, 6700}, 1, 0, 2));
        assertThat(PgNumeric.of(new BigDecimal("-0.0050"))).isEqualTo(new PgNumeric(new short[] {50}, -1, 0x4000, 4));
        assertThat(PgNumeric.of(new BigDecimal("0.00"))).isEqualTo(new PgNumeric(new short[0], 0, 0, 2));
        assertThat(PgNumeric.of(new BigDecimal("100000000"))).isEqualTo(new PgNumeric(new short[] {1}, 2, 0, 0));
        assertThat(PgNumeric.of(new BigDecimal("1E+30"))).as("negative scale takes the text path")
                .isEqualTo(PgNumeric.slow(new BigDecimal("1E+30")));
    }
}

package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {
    @Test
    void nestedValuesComeBackEqualWithWholeNumbersAsIntegerOrLong() {
        Map<String, Object> config = Map.of("port", 5432, "big", 5_000_000_000L, "ratio", 0.5,
                "nested", Map.of("list", List.of(1, "two", false)));

        Map<String, Object> read = ConfigJson.read(ConfigJson.write(config));

        assertThat(read).isEqualTo(config);
        assertThat(read.get("port")).isInstanceOf(Integer.class);
        assertThat(read.get("big")).isInstanceOf(Long.class);
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertThat(ConfigJson.write(null)).isEqualTo("{}");
        assertThat(ConfigJson.read(null)).isEmpty();
        assertThat(ConfigJson.read(" ")).isEmpty();
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThatThrownBy(() -> ConfigJson.write(Map.of("thread", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readExactKeepsEveryDigitOfADecimalAndWholeNumbersWhole() {
        Map<String, Object> read = ConfigJson.readExact(ConfigJson.write(Map.of("amount",
                new BigDecimal("12345678901234567890.50"), "ratio", 0.5, "port", 5432, "huge",
                new BigInteger("123456789012345678901234567890"), "nested", List.of(Map.of("x", 1.25)))));

        assertThat(read).isEqualTo(Map.of("amount", new BigDecimal("12345678901234567890.50"), "ratio",
                new BigDecimal("0.5"), "port", 5432, "huge", new BigInteger("123456789012345678901234567890"),
                "nested", List.of(Map.of("x", new BigDecimal("1.25")))));
    }
}

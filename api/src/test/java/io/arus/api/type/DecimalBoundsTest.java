package io.arus.api.type;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DecimalBoundsTest {
    @Test
    void precisionAboveOneThousandIsRejected() {
        assertThatThrownBy(() -> LogicalType.decimal(2000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LogicalType.decimal(1000, 10).precision()).isEqualTo(1000);
    }

    @Test
    void unboundedDecimalCannotHaveAScale() {
        assertThatThrownBy(() -> LogicalType.decimal(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LogicalType.decimal(0, 0)).hasToString("decimal");
    }
}

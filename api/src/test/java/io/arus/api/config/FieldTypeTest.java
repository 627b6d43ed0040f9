package io.arus.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FieldTypeTest {

    @ParameterizedTest
    @EnumSource(FieldType.class)
    void idIsTheLowerCaseName(FieldType type) {
        assertThat(type.id()).isEqualTo(type.name().toLowerCase(Locale.ROOT));
    }

    @Test
    void secretIdReadsAsTheConsoleExpects() {
        assertThat(FieldType.SECRET.id()).isEqualTo("secret");
    }
}

package io.arus.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypeDescriptorTest {

    @ParameterizedTest
    @ValueSource(strings = {"PostgreSQL", "1db", "my db", "", "my.db", "-db"})
    void rejectsATypeKeyThatIsNotLowerCaseLettersDigitsDashOrUnderscore(String type) {
        assertThatThrownBy(() -> new TypeDescriptor(type, "X", "1.0.0", "", "", ConfigSpec.EMPTY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(": " + type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "my-db", "s3_files", "db2"})
    void acceptsAWellFormedTypeKey(String type) {
        assertThat(new TypeDescriptor(type, null, null, null, null, null).type()).isEqualTo(type);
    }

    @Test
    void rejectsAMissingType() {
        assertThatThrownBy(() -> new TypeDescriptor(null, "X", "1.0.0", "", "", ConfigSpec.EMPTY))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void fillsDefaultsForEverythingButTheType() {
        TypeDescriptor descriptor = new TypeDescriptor("mydb", null, null, null, null, null);

        assertThat(descriptor.name()).isEqualTo("mydb");
        assertThat(descriptor.version()).isEqualTo("0.0.0");
        assertThat(descriptor.description()).isEmpty();
        assertThat(descriptor.icon()).isEmpty();
        assertThat(descriptor.config()).isSameAs(ConfigSpec.EMPTY);
    }

    @Test
    void blankNameFallsBackToTheType() {
        assertThat(new TypeDescriptor("mydb", " ", null, null, null, null).name()).isEqualTo("mydb");
    }

    @Test
    void keepsWhatItIsGiven() {
        ConfigSpec spec = ConfigSpec.of(ConfigField.builder("host", FieldType.HOST).build());
        TypeDescriptor descriptor = new TypeDescriptor("postgresql", "PostgreSQL", "1.2.0", "Reads and writes PostgreSQL.",
                "database", spec);

        assertThat(descriptor.name()).isEqualTo("PostgreSQL");
        assertThat(descriptor.version()).isEqualTo("1.2.0");
        assertThat(descriptor.description()).isEqualTo("Reads and writes PostgreSQL.");
        assertThat(descriptor.icon()).isEqualTo("database");
        assertThat(descriptor.config()).isSameAs(spec);
    }
}

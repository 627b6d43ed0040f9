package io.arus.api.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {
    private static final Field ID = new Field("id", LogicalType.INT64, false, "bigint");
    private static final Field NAME = Field.of("name", LogicalType.STRING, true);
    private static final Field AMOUNT = Field.of("amount", LogicalType.decimal(12, 2), true);

    @Test
    void findsTheIndexOfAField() {
        Schema schema = Schema.of(ID, NAME, AMOUNT);

        assertThat(schema.indexOf("id")).hasValue(0);
        assertThat(schema.indexOf("amount")).hasValue(2);
        assertThat(schema.indexOf("missing")).isEmpty();
        assertThat(schema.indexOf("ID")).isEmpty();
    }

    @Test
    void listsNamesInRowOrder() {
        Schema schema = Schema.of(NAME, ID, AMOUNT);

        assertThat(schema.names()).containsExactly("name", "id", "amount");
        assertThat(schema.size()).isEqualTo(3);
        assertThat(schema.field(1)).isEqualTo(ID);
    }

    @Test
    void rejectsADuplicateFieldNamingIt() {
        assertThatThrownBy(() -> Schema.of(ID, NAME, Field.of("name", LogicalType.JSON, true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate field: name");
    }

    @Test
    void withAppendsAndLeavesTheOriginalUnchanged() {
        Schema original = Schema.of(ID, NAME);

        Schema widened = original.with(AMOUNT);

        assertThat(widened.names()).containsExactly("id", "name", "amount");
        assertThat(widened.indexOf("amount")).hasValue(2);
        assertThat(original.names()).containsExactly("id", "name");
        assertThat(original.indexOf("amount")).isEmpty();
    }

    @Test
    void withRefusesANameAlreadyPresent() {
        assertThatThrownBy(() -> Schema.of(ID).with(Field.of("id", LogicalType.STRING, true)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalFieldsInTheSameOrderMakeEqualSchemas() {
        assertThat(Schema.of(ID, NAME)).isEqualTo(Schema.of(List.of(ID, NAME)))
                .hasSameHashCodeAs(Schema.of(ID, NAME));
        assertThat(Schema.of(ID, NAME)).isNotEqualTo(Schema.of(NAME, ID));
        assertThat(Schema.of(ID)).isNotEqualTo(Schema.of(Field.of("id", LogicalType.INT64, true)));
    }

    @Test
    void fieldsCannotBeModified() {
        Schema schema = Schema.of(ID);

        assertThatThrownBy(() -> schema.fields().add(NAME)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fieldWithoutNativeTypeHasAnEmptyOne() {
        assertThat(new Field("id", LogicalType.INT64, false, null).nativeType()).isEmpty();
        assertThat(NAME.nativeType()).isEmpty();
        assertThatThrownBy(() -> Field.of(null, LogicalType.INT64, false)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Field.of("id", null, false)).isInstanceOf(NullPointerException.class);
    }
}

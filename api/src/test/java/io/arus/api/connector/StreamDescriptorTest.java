package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamDescriptorTest {
    private static final StreamId CUSTOMERS = new StreamId("public", "customers");
    private static final Schema SCHEMA = Schema.of(
            Field.of("id", LogicalType.INT64, false),
            Field.of("email", LogicalType.STRING, true),
            Field.of("updated_at", LogicalType.TIMESTAMPTZ, false));

    @Test
    void acceptsKeyAndCursorColumnsOfTheSchema() {
        StreamDescriptor stream = new StreamDescriptor(CUSTOMERS, SCHEMA, List.of("id"), List.of("updated_at"), 1200);

        assertThat(stream.primaryKey()).containsExactly("id");
        assertThat(stream.cursorCandidates()).containsExactly("updated_at");
        assertThat(stream.rowEstimate()).isEqualTo(1200);
    }

    @Test
    void rejectsAPrimaryKeyColumnNotInTheSchema() {
        assertThatThrownBy(() -> new StreamDescriptor(CUSTOMERS, SCHEMA, List.of("customer_id"), List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("public.customers: primary key column customer_id is not in the schema");
    }

    @Test
    void rejectsACursorColumnNotInTheSchema() {
        assertThatThrownBy(() -> new StreamDescriptor(CUSTOMERS, SCHEMA, List.of("id"), List.of("modified_at"), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("public.customers: cursor column modified_at is not in the schema");
    }

    @Test
    void keepsItsOwnCopyOfTheLists() {
        List<String> key = new ArrayList<>(List.of("id"));
        StreamDescriptor stream = new StreamDescriptor(CUSTOMERS, SCHEMA, key, List.of(), -1);
        key.add("email");

        assertThat(stream.primaryKey()).containsExactly("id");
    }
}

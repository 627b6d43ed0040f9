package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteRequestTest {
    private static final StreamId TARGET = new StreamId("analytics", "orders");
    private static final Schema SCHEMA = Schema.of(
            Field.of("id", LogicalType.INT64, false),
            Field.of("total", LogicalType.decimal(12, 2), true));

    @Test
    void rejectsAnUpsertWithoutAPrimaryKey() {
        assertThatThrownBy(() -> new WriteRequest(TARGET, SCHEMA, List.of(), WriteMode.UPSERT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("analytics.orders: upsert needs a primary key");
        assertThatThrownBy(() -> new WriteRequest(TARGET, SCHEMA, null, WriteMode.UPSERT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAKeyColumnNotInTheSchemaNamingIt() {
        assertThatThrownBy(() -> new WriteRequest(TARGET, SCHEMA, List.of("id", "order_id"), WriteMode.UPSERT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("order_id");
        assertThatThrownBy(() -> new WriteRequest(TARGET, SCHEMA, List.of("uuid"), WriteMode.APPEND))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendAndReplaceNeedNoKey() {
        assertThat(new WriteRequest(TARGET, SCHEMA, null, WriteMode.APPEND).primaryKey()).isEmpty();
        assertThat(new WriteRequest(TARGET, SCHEMA, List.of(), WriteMode.REPLACE).writeMode()).isEqualTo(WriteMode.REPLACE);
    }

    @Test
    void upsertWithAKeyInTheSchemaIsValid() {
        WriteRequest request = new WriteRequest(TARGET, SCHEMA, List.of("id"), WriteMode.UPSERT);

        assertThat(request.primaryKey()).containsExactly("id");
    }

    @Test
    void rejectsAMissingTargetSchemaOrMode() {
        assertThatThrownBy(() -> new WriteRequest(null, SCHEMA, List.of(), WriteMode.APPEND))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WriteRequest(TARGET, null, List.of(), WriteMode.APPEND))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WriteRequest(TARGET, SCHEMA, List.of(), null))
                .isInstanceOf(NullPointerException.class);
    }
}

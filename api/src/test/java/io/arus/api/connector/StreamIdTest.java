package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamIdTest {

    @Test
    void firstDotSeparatesNamespaceFromAName() {
        StreamId id = StreamId.parse("a.b.c");

        assertThat(id.namespace()).isEqualTo("a");
        assertThat(id.name()).isEqualTo("b.c");
    }

    @Test
    void nameWithoutDotHasNoNamespace() {
        StreamId id = StreamId.parse("t");

        assertThat(id.namespace()).isEmpty();
        assertThat(id.name()).isEqualTo("t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.orders", "t", "a.b.c", "sales.2024.q1"})
    void toStringParsesBackToTheSameId(String qualified) {
        StreamId id = StreamId.parse(qualified);

        assertThat(id).hasToString(qualified);
        assertThat(StreamId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void nullNamespaceMeansNone() {
        StreamId id = new StreamId(null, "orders");

        assertThat(id.namespace()).isEmpty();
        assertThat(id).hasToString("orders").isEqualTo(StreamId.parse("orders"));
    }

    @Test
    void rejectsAnEmptyName() {
        assertThatThrownBy(() -> new StreamId("public", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stream name is empty");
        assertThatThrownBy(() -> StreamId.parse("public.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamId.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAMissingName() {
        assertThatThrownBy(() -> new StreamId("public", null)).isInstanceOf(NullPointerException.class);
    }
}

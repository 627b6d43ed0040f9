package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.connector.StreamId;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RejectIsolatorTest {
    private static final Schema SCHEMA = Schema.of(Field.of("v", LogicalType.STRING, false));
    private final FakeSession destination = new FakeSession();
    private final AtomicInteger written = new AtomicInteger();
    private final List<String> refused = new ArrayList<>();
    private final RejectIsolator isolator = new RejectIsolator(written::addAndGet,
            (reason, single) -> refused.add(single.rows().get(0)[0] + ": " + reason));

    private static RecordBatch batch(String... values) {
        return RecordBatch.of(SCHEMA, java.util.Arrays.stream(values).map(v -> new Object[] {v}).toList(), null);
    }

    private StreamWriter writer() {
        return destination.openWriter(new WriteRequest(new StreamId("a", "t"), SCHEMA, List.of(), WriteMode.APPEND), null);
    }

    @Test
    void refusedRowsAreIsolatedAndTheRestLands() throws Exception {
        String[] values = IntStream.range(0, 10).mapToObj(i -> i == 3 || i == 8 ? "BAD" : "ok" + i).toArray(String[]::new);

        isolator.write(writer(), batch(values), true);

        assertThat(written.get()).isEqualTo(8);
        assertThat(destination.flushed.get("a.t")).hasSize(8);
        assertThat(refused).containsExactly("BAD: value BAD refused", "BAD: value BAD refused");
    }

    @Test
    void aBatchWithoutBadRowsIsOneWrite() throws Exception {
        isolator.write(writer(), batch("a", "b"), true);
        assertThat(written.get()).isEqualTo(2);
        assertThat(refused).isEmpty();
    }

    @Test
    void anErrorThatIsNotAboutTheDataGoesUp() {
        StreamWriter down = new StreamWriter() {
            @Override
            public void write(RecordBatch batch) throws ConnectorException {
                throw new ConnectorException(ConnectorException.Kind.CONNECTION, "down");
            }

            @Override
            public void delete(List<Object[]> keys) {
            }

            @Override
            public void evolve(Schema newSchema) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void complete() {
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> isolator.write(down, batch("a", "b"), true)).hasMessage("down");
        assertThat(refused).isEmpty();
    }
}

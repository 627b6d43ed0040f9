package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The defaults a session gets for the capabilities its connector lacks. */
class ConnectorSessionTest {
    private static final StreamId ORDERS = new StreamId("public", "orders");

    private final ConnectorSession minimal = new ConnectorSession() {
        @Override
        public CheckResult check() {
            return CheckResult.ok("test");
        }

        @Override
        public void close() {
        }
    };

    @Test
    void aSessionThatIsNotASourceRefusesToDiscoverAndRead() {
        assertThatThrownBy(minimal::discover)
                .isInstanceOf(ConnectorException.class)
                .hasMessage("this connector is not a source")
                .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.UNSUPPORTED);
        assertThatThrownBy(() -> minimal.openReader(ReadRequest.builder(ORDERS).build(), Split.WHOLE, null))
                .isInstanceOf(ConnectorException.class)
                .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.UNSUPPORTED);
    }

    @Test
    void aSessionThatIsNotADestinationRefusesToWrite() {
        WriteRequest request = new WriteRequest(ORDERS, Schema.of(Field.of("id", LogicalType.INT64, false)), List.of(),
                WriteMode.APPEND);

        assertThatThrownBy(() -> minimal.openWriter(request, null))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("this connector is not a destination")
                .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.UNSUPPORTED);
    }

    @Test
    void aSessionWithoutSplitsReadsTheWholeStream() throws ConnectorException {
        assertThat(minimal.splits(ReadRequest.builder(ORDERS).build(), 8)).containsExactly(Split.WHOLE);
    }
}

package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the ids {@code from..to} of a one-column ({@code n}) stream, two a batch, each batch's offset its last id. */
class CountingReader implements StreamReader {
    private final Schema schema;
    private final long to;
    private long next;
    private int polls;

    CountingReader(Schema schema, long from, long to) {
        this.schema = schema;
        this.next = from;
        this.to = to;
    }

    /**
     * Runs before each poll (a test fails or slows a reader here).
     *
     * @param poll the poll's number, from 1
     */
    void beforePoll(int poll) throws ConnectorException {
    }

    @Override
    public RecordBatch poll() throws ConnectorException {
        beforePoll(++polls);
        if (next > to) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 2 && next <= to; i++) {
            rows.add(new Object[] {next++});
        }
        return RecordBatch.of(schema, rows, Offset.of(Map.of("n", next - 1)));
    }

    @Override
    public void wakeup() {
    }

    @Override
    public void close() {
    }
}

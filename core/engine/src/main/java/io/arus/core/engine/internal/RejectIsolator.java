package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamWriter;
import io.arus.api.record.RecordBatch;
import java.util.function.IntConsumer;

/**
 * Writes a batch; when the destination refuses it for its data, cuts it in halves until the refused rows are
 * alone, so that one bad row never keeps the others out. Other errors (connection, configuration) go up.
 */
final class RejectIsolator {
    /** Told about each row the destination refused on its own. */
    interface Refusal {
        /**
         * @param reason the destination's message
         * @param single a batch of the one refused row
         */
        void refused(String reason, RecordBatch single);
    }

    private final IntConsumer written;
    private final Refusal refusal;

    /**
     * @param written told how many rows landed, per write
     * @param refusal told about each refused row
     */
    RejectIsolator(IntConsumer written, Refusal refusal) {
        this.written = written;
        this.refusal = refusal;
    }

    /**
     * Writes (and flushes, unless flushes span batches); on a data error, halves the batch until the refused rows
     * are alone.
     *
     * @param flush whether to flush after each write
     */
    void write(StreamWriter writer, RecordBatch batch, boolean flush) throws ConnectorException {
        if (batch.isEmpty()) {
            if (flush) {
                writer.flush();
            }
            return;
        }
        try {
            writer.write(batch);
            if (flush) {
                writer.flush();
            }
            written.accept(batch.size());
        } catch (ConnectorException e) {
            if (e.kind() != ConnectorException.Kind.DATA) {
                throw e;
            }
            if (batch.size() == 1) {
                refusal.refused(e.getMessage(), batch);
                return;
            }
            int half = batch.size() / 2;
            write(writer, batch.withRows(batch.rows().subList(0, half)), flush);
            write(writer, batch.withRows(batch.rows().subList(half, batch.size())), flush);
        }
    }
}

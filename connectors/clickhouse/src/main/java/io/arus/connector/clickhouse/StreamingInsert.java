package io.arus.connector.clickhouse;

import com.clickhouse.client.api.DataStreamWriter;
import io.arus.api.connector.ConnectorException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One INSERT of Native blocks whose rows go out while the next ones are encoded. The writer hands over each batch's
 * block; a thread of this insert streams them into the request body, so ClickHouse parses one batch while the
 * writer encodes the next (sending a whole flush only once it was encoded left the server idle while the writer
 * encoded and the writer idle while the server parsed). At most {@link #IN_FLIGHT} buffers wait, so memory stays
 * bounded by a few batches; buffers come back to the writer for reuse.
 *
 * <p>{@link #finish()} ends the body and waits for ClickHouse's answer. {@link #abort()} ends the body with a block
 * of a type that does not exist, so that ClickHouse refuses the INSERT and keeps none of its rows: the server
 * squashes an INSERT's blocks into one part that it writes only at the end (up to {@code min_insert_block_size_rows}
 * and {@code _bytes}, a million rows and 256 MB by default, above what a writer sends in one INSERT). Breaking the
 * request off is not enough: the HTTP client ends a chunked body properly even when its writer throws, and the
 * server then inserts what it got. The body cannot be sent twice, so the client's own retry of a failed request
 * fails it instead (the engine retries the flush with its rows).
 */
final class StreamingInsert {
    /** Encoded batches waiting to be sent, beside the one being sent and the one being encoded. */
    static final int IN_FLIGHT = 2;
    private static final RowBinaryOutput END = new RowBinaryOutput();
    private static final RowBinaryOutput ABORT = new RowBinaryOutput();
    /** A Native block header naming a type ClickHouse does not know: parsing it fails the INSERT. Never changed. */
    private static final RowBinaryOutput REFUSED_BLOCK = new RowBinaryOutput();

    static {
        REFUSED_BLOCK.writeVarInt(1);
        REFUSED_BLOCK.writeVarInt(1);
        REFUSED_BLOCK.writeString("_arus_aborted");
        REFUSED_BLOCK.writeString("ArusAbortedInsert");
    }

    /** Sends an INSERT whose body the given writer produces, and returns when ClickHouse has answered. */
    @FunctionalInterface
    interface Sender {
        void send(DataStreamWriter body) throws ConnectorException;
    }

    private final BlockingQueue<RowBinaryOutput> waiting = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
    private final BlockingQueue<RowBinaryOutput> free = new ArrayBlockingQueue<>(IN_FLIGHT + 2);
    private final CompletableFuture<Void> answered = new CompletableFuture<>();
    private long bytes;

    /**
     * Starts the INSERT on a thread of its own.
     *
     * @param name   the thread's name
     * @param sender what sends the request
     */
    StreamingInsert(String name, Sender sender) {
        Thread thread = new Thread(() -> {
            try {
                sender.send(new Body());
                answered.complete(null);
            } catch (ConnectorException | RuntimeException e) {
                answered.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return a buffer to encode the next batch into: one the request has sent, or a new one */
    RowBinaryOutput buffer() {
        RowBinaryOutput buffer = free.poll();
        return buffer == null ? new RowBinaryOutput() : buffer;
    }

    /** @return the bytes handed over so far */
    long bytes() {
        return bytes;
    }

    /**
     * Hands over an encoded batch; waits while {@link #IN_FLIGHT} others wait to be sent. After a failed request
     * the batch is dropped: the failure comes with {@link #finish()}.
     *
     * @param encoded the batch's bytes, no longer touched by the caller
     */
    void add(RowBinaryOutput encoded) {
        bytes += encoded.size();
        hand(encoded);
    }

    /**
     * Ends the body and waits for the answer.
     *
     * @throws ConnectorException what the request failed with
     */
    void finish() throws ConnectorException {
        hand(END);
        try {
            answered.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConnectorException failure) {
                throw failure;
            }
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new ConnectorException(ConnectorException.Kind.CONNECTION, "interrupted while ClickHouse answered an"
                    + " INSERT", e);
        }
    }

    /** Ends the body with a block ClickHouse refuses, so that it keeps none of the rows, and waits for the answer. */
    void abort() {
        waiting.clear();
        hand(ABORT);
        try {
            answered.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the request failed, as it should; or it is still ending, on a daemon thread that ends with it
        }
    }

    private void hand(RowBinaryOutput buffer) {
        boolean interrupted = false;
        try {
            while (!answered.isDone()) {
                try {
                    if (waiting.offer(buffer, 50, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The request body: the handed-over buffers in order, until the end or an abort. */
    private final class Body implements DataStreamWriter {
        @Override
        public void onOutput(OutputStream out) throws IOException {
            while (true) {
                RowBinaryOutput buffer;
                try {
                    buffer = waiting.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while sending an INSERT");
                }
                if (buffer == END) {
                    return;
                }
                if (buffer == ABORT) {
                    REFUSED_BLOCK.writeTo(out);
                    return;
                }
                buffer.writeTo(out);
                // out now: the server parses this batch while the next one is encoded
                out.flush();
                buffer.clear();
                free.offer(buffer);
            }
        }

        @Override
        public void onRetry() throws IOException {
            throw new IOException("an INSERT whose rows were streamed cannot be sent again");
        }
    }
}

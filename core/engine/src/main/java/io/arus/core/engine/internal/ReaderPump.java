package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads on its own thread, puts each batch through the transform chain on that thread too, and hands both to the
 * writer through a bounded queue: reading and transforming one batch overlap with writing the one before. Nothing
 * is stored here; a batch read ahead when the run stops is dropped with its offset, and the next run reads it again.
 */
final class ReaderPump implements Runnable {
    private static final Object END = new Object();
    private final StreamReader reader;
    private final TransformChain chain;
    private final BlockingQueue<Object> queue;
    private final RunControl control;
    private final Thread thread;
    /** Time spent in the reader's poll, in the chain, in blocking on a full queue, and in waiting on an empty one. */
    volatile long pollNanos;
    volatile long transformNanos;
    volatile long blockedNanos;
    long waitNanos;

    /**
     * A batch as read and what the chain made of it.
     *
     * @param read        the batch in the source's schema, with its offset
     * @param transformed the chain's output, rejects and filtered count
     */
    record Pumped(RecordBatch read, TransformChain.Outcome transformed) {
    }

    /**
     * @param reader  the stream's reader
     * @param chain   the stream's transform steps (none: batches pass through)
     * @param queue   the bounded hand-over to the writer
     * @param control the run's stop flag
     * @param stream  the stream, for the thread's name
     */
    ReaderPump(StreamReader reader, TransformChain chain, BlockingQueue<Object> queue, RunControl control,
               String stream) {
        this.reader = reader;
        this.chain = chain;
        this.queue = queue;
        this.control = control;
        this.thread = new Thread(RunLogContext.inherit(this), "arus-read-" + stream);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (true) {
                long start = System.nanoTime();
                RecordBatch batch = reader.poll();
                long polled = System.nanoTime();
                pollNanos += polled - start;
                if (batch == null || control.isStopped()) {
                    break;
                }
                // a step that cannot go on throws here; the writer gets the failure after the batches before it
                Pumped pumped = new Pumped(batch, chain.apply(batch));
                long transformed = System.nanoTime();
                transformNanos += transformed - polled;
                while (!queue.offer(pumped, 200, TimeUnit.MILLISECONDS)) {
                    if (control.isStopped() || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                blockedNanos += System.nanoTime() - transformed;
            }
            queue.put(END);
        } catch (TransformException e) {
            putFailure(e);
        } catch (ConnectorException | RuntimeException e) {
            queue.clear();
            queue.offer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Hands a step's failure over after the batches already queued (they were transformed fine and may be written);
     * waits for room as a batch does.
     */
    private void putFailure(TransformException e) {
        try {
            while (!queue.offer(e, 200, TimeUnit.MILLISECONDS)) {
                if (control.isStopped() || Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the next batch with the chain's output, or null at the end (or when the run stopped) */
    Pumped next() throws ConnectorException, TransformException, InterruptedException {
        while (true) {
            long start = System.nanoTime();
            Object item = queue.poll(200, TimeUnit.MILLISECONDS);
            waitNanos += System.nanoTime() - start;
            if (item == null) {
                if (control.isStopped()) {
                    return null;
                }
                if (!thread.isAlive() && queue.isEmpty()) {
                    throw new IllegalStateException("the reader of " + thread.getName() + " ended without finishing");
                }
                continue;
            }
            if (item == END) {
                return null;
            }
            if (item instanceof ConnectorException e) {
                throw e;
            }
            if (item instanceof TransformException e) {
                throw e;
            }
            if (item instanceof RuntimeException e) {
                throw e;
            }
            return (Pumped) item;
        }
    }

    void stop() throws InterruptedException {
        reader.wakeup();
        thread.interrupt();
        thread.join(10_000);
    }
}

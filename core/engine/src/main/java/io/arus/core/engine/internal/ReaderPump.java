package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.RecordBatch;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Reads on its own thread into a bounded queue, so that reading and writing overlap. */
final class ReaderPump implements Runnable {
    private static final Object END = new Object();
    private final StreamReader reader;
    private final BlockingQueue<Object> queue;
    private final RunControl control;
    private final Thread thread;
    /** Time spent in the reader's poll, in blocking on a full queue, and in waiting on an empty one. */
    volatile long pollNanos;
    volatile long blockedNanos;
    long waitNanos;

    ReaderPump(StreamReader reader, BlockingQueue<Object> queue, RunControl control, String stream) {
        this.reader = reader;
        this.queue = queue;
        this.control = control;
        this.thread = new Thread(this, "arus-read-" + stream);
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
                while (!queue.offer(batch, 200, TimeUnit.MILLISECONDS)) {
                    if (control.isStopped() || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                blockedNanos += System.nanoTime() - polled;
            }
            queue.put(END);
        } catch (ConnectorException | RuntimeException e) {
            queue.clear();
            queue.offer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the next batch, or null at the end (or when the run stopped) */
    RecordBatch next() throws ConnectorException, InterruptedException {
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
            if (item instanceof RuntimeException e) {
                throw e;
            }
            return (RecordBatch) item;
        }
    }

    void stop() throws InterruptedException {
        reader.wakeup();
        thread.interrupt();
        thread.join(10_000);
    }
}

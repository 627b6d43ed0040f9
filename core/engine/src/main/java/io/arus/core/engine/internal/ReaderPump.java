package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads on threads of its own, one per split (a stream read whole has one), puts each batch through the transform
 * chain on that thread too, and hands both to the writer through one bounded queue: reading and transforming overlap
 * with writing. With several splits the chain runs for one batch at a time (the engine reads a stream with steps
 * whole, and a chain without steps passes batches through; the lock keeps that safe whatever comes). Nothing is stored
 * here; a batch read ahead when the run stops is dropped with its offset, and the next run reads it again.
 */
final class ReaderPump {
    private final List<Lane> lanes = new ArrayList<>();
    private final TransformChain chain;
    private final BlockingQueue<Object> queue;
    private final RunControl control;
    private final Object chainLock = new Object();
    /** The first failure a reader met: the writer throws it at its next batch. */
    private volatile Exception failure;
    private int ended;
    /** Splits whose reader reached their end, in the order the writer learned of it, not yet taken. */
    private final List<String> finished = new ArrayList<>();
    /** Time spent in the readers' polls, in the chain, in blocking on a full queue, and in waiting on an empty one. */
    final AtomicLong pollNanos = new AtomicLong();
    final AtomicLong transformNanos = new AtomicLong();
    final AtomicLong blockedNanos = new AtomicLong();
    long waitNanos;

    /**
     * One reader and the split it reads.
     *
     * @param split  the split's id
     * @param reader its reader
     */
    record Source(String split, StreamReader reader) {
    }

    /**
     * A batch as read and what the chain made of it.
     *
     * @param split       the split it was read from
     * @param read        the batch in the source's schema, with its offset
     * @param transformed the chain's output, rejects and filtered count
     */
    record Pumped(String split, RecordBatch read, TransformChain.Outcome transformed) {
    }

    /** A split's reader reached the end of the split. */
    private record End(String split) {
    }

    /**
     * @param sources the stream's readers, one per split read in this run
     * @param chain   the stream's transform steps (none: batches pass through)
     * @param queue   the bounded hand-over to the writer
     * @param control the run's stop flag
     * @param stream  the stream, for the threads' names
     */
    ReaderPump(List<Source> sources, TransformChain chain, BlockingQueue<Object> queue, RunControl control,
               String stream) {
        this.chain = chain;
        this.queue = queue;
        this.control = control;
        for (Source source : sources) {
            Lane lane = new Lane(source);
            String name = "arus-read-" + stream + (sources.size() == 1 ? "" : "-" + source.split());
            lane.thread = new Thread(RunLogContext.inherit(lane), name);
            lane.thread.setDaemon(true);
            lanes.add(lane);
        }
    }

    void start() {
        lanes.forEach(lane -> lane.thread.start());
    }

    private final class Lane implements Runnable {
        private final Source source;
        private Thread thread;

        Lane(Source source) {
            this.source = source;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    long start = System.nanoTime();
                    RecordBatch batch = source.reader().poll();
                    long polled = System.nanoTime();
                    pollNanos.addAndGet(polled - start);
                    if (batch == null || control.isStopped() || failure != null) {
                        break;
                    }
                    // a step that cannot go on throws here; the writer gets the failure after the batches before it
                    Pumped pumped = new Pumped(source.split(), batch, transform(batch));
                    long transformed = System.nanoTime();
                    transformNanos.addAndGet(transformed - polled);
                    if (!put(pumped)) {
                        return;
                    }
                    blockedNanos.addAndGet(System.nanoTime() - transformed);
                }
                put(new End(source.split()));
            } catch (TransformException e) {
                put(e);
            } catch (ConnectorException | RuntimeException e) {
                fail(e);
            }
        }

        /** @return false when the run stopped (or the thread was interrupted) while the queue was full */
        private boolean put(Object item) {
            try {
                while (!queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
                    if (control.isStopped() || failure != null || Thread.currentThread().isInterrupted()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private TransformChain.Outcome transform(RecordBatch batch) throws TransformException {
        if (lanes.size() == 1) {
            return chain.apply(batch);
        }
        synchronized (chainLock) {
            return chain.apply(batch);
        }
    }

    private void fail(Exception e) {
        synchronized (this) {
            if (failure == null) {
                failure = e;
            }
        }
        queue.clear();
    }

    /** @return the next batch with the chain's output, or null when every split ended (or the run stopped) */
    Pumped next() throws ConnectorException, TransformException, InterruptedException {
        while (ended < lanes.size()) {
            rethrow(failure);
            long start = System.nanoTime();
            Object item = queue.poll(200, TimeUnit.MILLISECONDS);
            waitNanos += System.nanoTime() - start;
            if (item == null) {
                rethrow(failure);
                if (control.isStopped()) {
                    return null;
                }
                if (lanes.stream().noneMatch(lane -> lane.thread.isAlive()) && queue.isEmpty()) {
                    throw new IllegalStateException("the readers of " + lanes.get(0).thread.getName()
                            + " ended without finishing");
                }
                continue;
            }
            if (item instanceof End end) {
                finished.add(end.split());
                ended++;
                continue;
            }
            rethrow(item);
            return (Pumped) item;
        }
        return null;
    }

    private static void rethrow(Object item) throws ConnectorException, TransformException {
        if (item instanceof ConnectorException e) {
            throw e;
        }
        if (item instanceof TransformException e) {
            throw e;
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
    }

    /** @return the splits whose readers ended since the last call (every batch of theirs was handed out before) */
    List<String> takeFinished() {
        List<String> taken = List.copyOf(finished);
        finished.clear();
        return taken;
    }

    /** Cuts short the reads in progress (each reader returns what it has at its next poll). */
    void wakeup() {
        lanes.forEach(lane -> lane.source.reader().wakeup());
    }

    void stop() throws InterruptedException {
        wakeup();
        lanes.forEach(lane -> lane.thread.interrupt());
        for (Lane lane : lanes) {
            lane.thread.join(10_000);
        }
    }
}

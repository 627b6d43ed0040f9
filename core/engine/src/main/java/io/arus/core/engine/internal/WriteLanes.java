package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamWriter;
import io.arus.api.record.RecordBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Loads a stream's batches over several writers at once: the normalized zone's writer and the lanes it opened
 * ({@link StreamWriter#lane()}), each used by a thread of its own. A batch goes to the lane idle longest, which
 * writes and flushes it as the stream's thread would (through the reject isolator), so the database parses one
 * lane's rows while the next lane's are encoded. The first failure of a lane is thrown by the next call here, and
 * no lane takes a batch after it. Used only where nothing is stored per batch: a REPLACE into a staging table.
 */
final class WriteLanes implements AutoCloseable {
    /** Writes one batch on one lane, flushed. */
    interface Load {
        void load(StreamWriter writer, RecordBatch batch) throws ConnectorException;
    }

    private static final long JOIN_MILLIS = 30_000;

    private final List<Lane> lanes = new ArrayList<>();
    private final List<StreamWriter> opened;
    private final Load load;
    /** The lanes without a batch, longest idle first (so batches go round the lanes). */
    private final Deque<Lane> idle = new ArrayDeque<>();
    private Throwable failure;
    private boolean closed;

    /** A writer and the thread that alone uses it. Its batch is guarded by the lanes' monitor. */
    private final class Lane implements Runnable {
        private final StreamWriter writer;
        private final Thread thread;
        private RecordBatch batch;

        Lane(StreamWriter writer, String name) {
            this.writer = writer;
            this.thread = new Thread(RunLogContext.inherit(this), name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                RecordBatch next;
                synchronized (WriteLanes.this) {
                    while (batch == null && !closed) {
                        try {
                            WriteLanes.this.wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (batch == null) {
                        return;
                    }
                    next = batch;
                }
                Throwable failed = null;
                try {
                    if (failedAlready() == null) {
                        load.load(writer, next);
                    }
                } catch (ConnectorException | RuntimeException | Error e) {
                    failed = e;
                }
                synchronized (WriteLanes.this) {
                    if (failed != null && failure == null) {
                        failure = failed;
                    }
                    batch = null;
                    idle.add(this);
                    WriteLanes.this.notifyAll();
                }
            }
        }
    }

    private WriteLanes(StreamWriter main, List<StreamWriter> opened, Load load, String stream) {
        this.opened = opened;
        this.load = load;
        List<StreamWriter> writers = new ArrayList<>();
        writers.add(main);
        writers.addAll(opened);
        for (StreamWriter writer : writers) {
            Lane lane = new Lane(writer, "arus-write-" + stream + "-" + (lanes.size() + 1));
            lanes.add(lane);
            idle.add(lane);
        }
        lanes.forEach(lane -> lane.thread.start());
    }

    private synchronized Throwable failedAlready() {
        return failure;
    }

    /**
     * @param main   the normalized zone's writer
     * @param wanted how many writers the stream may use
     * @return lanes over {@code main} and the lanes it opened, or null when it opened none (one writer is enough)
     */
    static WriteLanes open(StreamWriter main, int wanted, Load load, String stream) throws ConnectorException {
        List<StreamWriter> opened = new ArrayList<>();
        try {
            while (opened.size() < wanted - 1) {
                StreamWriter lane = main.lane();
                if (lane == null) {
                    break;
                }
                opened.add(lane);
            }
        } catch (ConnectorException | RuntimeException e) {
            opened.forEach(StreamWriter::close);
            throw e;
        }
        return opened.isEmpty() ? null : new WriteLanes(main, opened, load, stream);
    }

    /** @return the writers batches go to */
    int size() {
        return lanes.size();
    }

    /**
     * Hands a batch to the lane idle longest, waiting for one.
     *
     * @throws ConnectorException the first failure of a lane (a runtime failure is thrown as it is)
     */
    void write(RecordBatch batch) throws ConnectorException, InterruptedException {
        synchronized (this) {
            while (idle.isEmpty() && failure == null) {
                wait();
            }
            rethrow();
            idle.poll().batch = batch;
            notifyAll();
        }
    }

    /** Waits until every batch handed over is written and flushed; throws the first failure of a lane. */
    void drain() throws ConnectorException, InterruptedException {
        synchronized (this) {
            // a lane is idle again once its batch is written: all idle, all written
            while (idle.size() < lanes.size() && failure == null) {
                wait();
            }
            rethrow();
        }
    }

    private void rethrow() throws ConnectorException {
        if (failure instanceof ConnectorException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * Lets the batches handed over finish (a stopped run's last ones; after a failure they are skipped), ends the
     * threads and closes the lanes it opened; the zone's own writer stays open. A lane still in the database after
     * {@value #JOIN_MILLIS} ms is left to fail when its connection closes.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        boolean interrupted = false;
        for (Lane lane : lanes) {
            try {
                lane.thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        opened.forEach(StreamWriter::close);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

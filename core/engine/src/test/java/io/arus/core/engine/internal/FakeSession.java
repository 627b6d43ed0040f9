package io.arus.core.engine.internal;

import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A source and destination in memory: the reader hands out the batches a test gave it; the writer keeps the
 * flushed rows per target table and refuses (as a DATA error) any batch holding the value {@code "BAD"}.
 */
final class FakeSession implements ConnectorSession {
    final Deque<RecordBatch> batches = new ArrayDeque<>();
    /** What readers were opened with, in order. */
    final List<ReadRequest> reads = new CopyOnWriteArrayList<>();
    final Map<String, WriteRequest> requests = new ConcurrentHashMap<>();
    final Map<String, Schema> evolved = new ConcurrentHashMap<>();
    final Map<String, List<Object[]>> flushed = new ConcurrentHashMap<>();
    final Map<String, List<Object[]>> deleted = new ConcurrentHashMap<>();
    /** Whether REPLACE writers open lanes ({@link StreamWriter#lane()}). */
    volatile boolean lanes;
    /** What the writers did, in order: "lane opened", "lane closed", "complete". */
    final List<String> writerEvents = new CopyOnWriteArrayList<>();
    /** The rows flushed, per name of the thread that flushed them. */
    final Map<String, Integer> flushedBy = new ConcurrentHashMap<>();
    /** What readers answer to {@link StreamReader#bytesBehind()}. */
    volatile long bytesBehind = -1;
    /** Runs after each batch the reader hands out (e.g. to remove a transform). */
    Consumer<RecordBatch> afterPoll = batch -> { };

    @Override
    public CheckResult check() {
        return CheckResult.ok("fake");
    }

    @Override
    public StreamReader openReader(ReadRequest request, Split split, StreamContext context) {
        reads.add(request);
        return new StreamReader() {
            @Override
            public RecordBatch poll() {
                synchronized (batches) {
                    RecordBatch batch = batches.poll();
                    if (batch != null) {
                        afterPoll.accept(batch);
                    }
                    return batch;
                }
            }

            @Override
            public long bytesBehind() {
                return bytesBehind;
            }

            @Override
            public void wakeup() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public StreamWriter openWriter(WriteRequest request, StreamContext context) {
        String table = request.target().toString();
        requests.put(table, request);
        List<Object[]> target = flushed.computeIfAbsent(table, t -> new ArrayList<>());
        return new Writer(table, target, request.writeMode() == WriteMode.REPLACE && lanes);
    }

    /** A writer that keeps flushed rows in memory; when it may open lanes, they flush into the same rows. */
    private class Writer implements StreamWriter {
        private final String table;
        private final List<Object[]> target;
        private final boolean opensLanes;
        private final List<Object[]> pending = new ArrayList<>();

        Writer(String table, List<Object[]> target, boolean opensLanes) {
            this.table = table;
            this.target = target;
            this.opensLanes = opensLanes;
        }

        @Override
        public StreamWriter lane() {
            if (!opensLanes) {
                return null;
            }
            writerEvents.add("lane opened");
            return new Writer(table, target, false) {
                @Override
                public void close() {
                    writerEvents.add("lane closed");
                }
            };
        }

        @Override
        public void write(RecordBatch batch) throws ConnectorException {
            if (batch.rows().stream().anyMatch(r -> Arrays.asList(r).contains("BAD"))) {
                throw new ConnectorException(ConnectorException.Kind.DATA, "value BAD refused");
            }
            pending.addAll(batch.rows());
        }

        @Override
        public void delete(List<Object[]> keys) {
            deleted.computeIfAbsent(table, t -> new ArrayList<>()).addAll(keys);
        }

        @Override
        public void evolve(Schema newSchema) {
            evolved.put(table, newSchema);
        }

        @Override
        public void flush() {
            if (!pending.isEmpty()) {
                flushedBy.merge(Thread.currentThread().getName(), pending.size(), Integer::sum);
            }
            synchronized (target) {
                target.addAll(pending);
            }
            pending.clear();
        }

        @Override
        public void complete() {
            writerEvents.add("complete");
        }

        @Override
        public void close() {
        }
    }

    @Override
    public void close() {
    }
}

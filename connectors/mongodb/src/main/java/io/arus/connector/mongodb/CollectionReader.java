package io.arus.connector.mongodb;

import com.mongodb.MongoException;
import com.mongodb.MongoQueryException;
import com.mongodb.ServerCursor;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Reads one collection in keyset order: by {@code _id} for a full refresh, by (cursor, {@code _id}) up to a fixed
 * upper bound for an incremental read ({@link ReadStart}). One server cursor streams the documents and each
 * {@link #poll()} takes up to a batch from it, so memory holds one batch and one driver fetch, never the collection.
 * Every batch's offset is the key of its last document; if the server drops the cursor (it closes cursors idle for
 * ten minutes, say while a destination is down), the reader opens a new one after that key and goes on. The keyset
 * is {@code _id} whatever primary key the pipeline declares: it is the one key the server keeps unique.
 * <p>
 * {@link #wakeup()} and a stopped run make {@code poll} return what it has at the next document (an empty batch at
 * the current offset when nothing yet), and a poll returns a smaller batch after five seconds; it blocks at most
 * for one server fetch (the sync driver cannot interrupt a fetch in flight).
 */
final class CollectionReader implements StreamReader {
    /** CursorNotFound, QueryPlanKilled, CursorKilled: the server let go of the cursor, not of the data. */
    private static final Set<Integer> CURSOR_LOST = Set.of(43, 175, 237);
    /** How many documents between checks of the run's stop flag and the poll's time budget. */
    private static final int CHECK_EVERY = 256;
    /** A poll returns what it has after this long, so the engine can pause or cancel between batches. */
    private static final long POLL_BUDGET_NANOS = 5_000_000_000L;

    private final MongoCollection<BsonDocument> collection;
    private final CollectionLayout output;
    private final ReadStart start;
    private final int batchSize;
    private final BatchLimit limit;
    private final StreamContext context;
    private final Runnable onClose;
    private final BsonDocument projection;
    private BsonValue from;
    private BsonValue lastCursor;
    private BsonValue lastId;
    private volatile MongoCursor<BsonDocument> cursor;
    private boolean exhausted;
    private volatile boolean woken;
    private volatile boolean closed;

    CollectionReader(MongoCollection<BsonDocument> collection, CollectionLayout output, ReadStart start, int batchSize,
                     long batchBytes, StreamContext context, Runnable onClose) {
        this.collection = collection;
        this.output = output;
        this.start = start;
        this.batchSize = batchSize;
        this.limit = BatchLimit.of(batchSize, batchBytes);
        this.context = context;
        this.onClose = onClose;
        this.from = start.from();
        this.lastCursor = start.lastCursor();
        this.lastId = start.lastId();
        this.exhausted = start.empty();
        this.projection = start.incremental() ? output.projection(start.cursor().path().get(0)) : output.projection();
    }

    @Override
    public RecordBatch poll() throws ConnectorException {
        if (closed || exhausted) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>(Math.min(batchSize, 10_000));
        boolean reopened = false;
        limit.reset();
        while (true) {
            try {
                return fill(rows);
            } catch (MongoQueryException e) {
                closeCursor();
                if (reopened || !CURSOR_LOST.contains(e.getCode())) {
                    throw failure(e, rows);
                }
                reopened = true;
            } catch (MongoException e) {
                closeCursor();
                if (closed) {
                    return null; // closed from another thread while fetching
                }
                throw failure(e, rows);
            } catch (IllegalStateException e) {
                if (closed) {
                    return null; // closed from another thread while fetching
                }
                throw e;
            }
        }
    }

    private RecordBatch fill(List<Object[]> rows) {
        long deadline = System.nanoTime() + POLL_BUDGET_NANOS;
        while (!limit.full(rows.size())) {
            if (woken || closed || (rows.size() % CHECK_EVERY == 0 && (context.isStopped() || (System.nanoTime() > deadline
                    && !rows.isEmpty())))) {
                woken = false;
                return RecordBatch.of(output.schema(), rows, offset());
            }
            MongoCursor<BsonDocument> open = cursor;
            if (open == null) {
                open = find().cursor();
                cursor = open;
            }
            if (!open.hasNext()) {
                exhausted = true;
                closeCursor();
                return rows.isEmpty() ? null : RecordBatch.of(output.schema(), rows, offset());
            }
            BsonDocument document = open.next();
            Object[] row = output.row(document);
            rows.add(row);
            limit.add(row);
            lastId = document.get(SchemaInference.ID);
            if (start.incremental()) {
                lastCursor = CollectionLayout.valueAt(document, start.cursor().path());
                from = null;
            }
        }
        return RecordBatch.of(output.schema(), rows, offset());
    }

    private FindIterable<BsonDocument> find() {
        FindIterable<BsonDocument> find;
        if (start.incremental()) {
            String path = start.cursor().dottedPath();
            find = collection.find(KeysetFilter.incremental(path, from, lastCursor, lastId, start.upper().value()))
                    .sort(KeysetFilter.byCursor(path))
                    // without an index on (cursor, _id) the server sorts; let it spill to disk rather than fail
                    .allowDiskUse(true);
        } else {
            find = collection.find(lastId == null ? new BsonDocument() : KeysetFilter.after(SchemaInference.ID, lastId))
                    .sort(KeysetFilter.byId());
        }
        find.batchSize(batchSize);
        return projection == null ? find : find.projection(projection);
    }

    /** @return where the next read starts: the key of the last document read, or the start offset before any */
    private Offset offset() {
        if (lastId == null) {
            return start.offset();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        if (start.incremental()) {
            values.put(ReadStart.CURSOR, OffsetValues.encode(lastCursor));
        }
        values.put(ReadStart.ID, OffsetValues.encode(lastId));
        return Offset.of(values);
    }

    private ConnectorException failure(MongoException e, List<Object[]> rows) {
        return MongoFailures.wrap("reading " + context.stream() + " after " + rows.size() + " of a batch", e);
    }

    /** @return the server cursor being read, or null; for tests that make the server drop it */
    ServerCursor serverCursor() {
        MongoCursor<BsonDocument> open = cursor;
        return open == null ? null : open.getServerCursor();
    }

    @Override
    public void wakeup() {
        woken = true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            closeCursor();
        } finally {
            onClose.run();
        }
    }

    private void closeCursor() {
        MongoCursor<BsonDocument> open = cursor;
        cursor = null;
        if (open != null) {
            try {
                open.close();
            } catch (MongoException e) {
                // the server or connection is already gone, and the cursor with it
            }
        }
    }
}

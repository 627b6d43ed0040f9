package io.arus.connector.mongodb;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Offset;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Where a read starts and stops, worked out when the reader opens: the stored offset decoded, the look-back window
 * applied, and for an incremental read the cursor column and its fixed upper bound ({@link CursorBounds}).
 * <p>
 * Offsets are {@code {"id": value}} for a full refresh and {@code {"cursor": value, "id": value}} for an incremental
 * read, each value as {@link OffsetValues} encodes it. A stored cursor without an id re-reads from that cursor value
 * on, and so does the look-back window (from the stored cursor minus the window, dates only): re-reading is harmless
 * because incremental streams are written by upsert.
 *
 * @param incremental whether the read is by cursor
 * @param cursor      the cursor column, or null for a full read
 * @param upper       the highest cursor value read and where it came from, or null for a full read
 * @param from        the first query's inclusive lower cursor bound, or null
 * @param lastCursor  the cursor value to read after, or null
 * @param lastId      the {@code _id} to read after, or null
 * @param offset      the stored offset, or null
 * @param empty       whether there is nothing to read (no document has a cursor value)
 */
record ReadStart(boolean incremental, Column cursor, CursorBounds.Upper upper, BsonValue from, BsonValue lastCursor,
                 BsonValue lastId, Offset offset, boolean empty) {
    /** The offset key of the last document's cursor value. */
    static final String CURSOR = "cursor";
    /** The offset key of the last document's {@code _id}. */
    static final String ID = "id";

    /**
     * @param database   the database
     * @param collection the collection
     * @param layout     the collection's columns
     * @param request    the read request
     * @return where to start and stop
     * @throws ConnectorException when the cursor is unusable or the offset unreadable
     */
    static ReadStart of(MongoDatabase database, MongoCollection<BsonDocument> collection, CollectionLayout layout,
                        ReadRequest request) throws ConnectorException {
        Offset offset = request.startOffset();
        BsonValue storedId = offset == null || offset.get(ID) == null ? null : OffsetValues.decode(offset.get(ID));
        if (request.syncMode() == SyncMode.FULL_REFRESH) {
            return new ReadStart(false, null, null, null, null, storedId, offset, false);
        }
        if (request.syncMode() != SyncMode.INCREMENTAL) {
            throw new ConnectorException(Kind.UNSUPPORTED, "MongoDB streams are read by full refresh or incrementally,"
                    + " not by " + request.syncMode().id());
        }
        Column cursor = layout.column(request.cursorField()).orElseThrow(() -> new ConnectorException(Kind.SCHEMA,
                "cursor field " + request.cursorField() + " is not a column of " + request.stream()));
        BsonValue storedCursor = offset == null || offset.get(CURSOR) == null ? null : OffsetValues.decode(offset.get(CURSOR));
        BsonType type = CursorBounds.cursorType(collection, cursor, storedCursor);
        CursorBounds.Upper upper = type == null ? null : CursorBounds.upper(database, collection, cursor, type);
        if (upper == null) {
            return new ReadStart(true, cursor, null, null, null, null, offset, true);
        }
        BsonValue from = CursorBounds.lookedBack(storedCursor, request.lookBack());
        if (from == null && storedCursor != null && storedId == null) {
            from = storedCursor;
        }
        return new ReadStart(true, cursor, upper, from, storedCursor, storedId, offset, false);
    }

    /** @return what the read covers, for the run's log */
    String describe() {
        if (!incremental) {
            return "full read by _id" + (lastId == null ? " from the start" : " after _id " + ValueConversion.text(lastId));
        }
        if (empty) {
            return "incremental read by " + cursor.name() + ": no document has a cursor value, nothing to read";
        }
        String lower = from != null ? " from " + ValueConversion.text(from) : lastCursor != null
                ? " after (" + ValueConversion.text(lastCursor) + ", " + ValueConversion.text(lastId) + ")"
                : " from the start";
        return "incremental read by (" + cursor.name() + ", _id)" + lower + " up to " + ValueConversion.text(upper.value()) + " ("
                + upper.source() + ")";
    }
}

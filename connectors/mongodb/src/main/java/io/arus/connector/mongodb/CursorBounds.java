package io.arus.connector.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The cursor of an incremental read: which BSON type bracket it reads, and where the read stops.
 * <p>
 * As in the SQL connectors, the upper bound is taken once, when the reader opens, so a read has a fixed end
 * however fast documents arrive. For a date cursor it is the server's clock ({@code localTime} of the
 * {@code hello} command, or of {@code isMaster} on servers without it): documents stamped later wait for the next
 * run, which starts after the last (cursor, _id) read, so none is lost. Only when the server does not tell its time
 * is the bound the largest date present. For any other cursor (a number, a string) the bound is the largest value
 * of the cursor's type present at the start. Documents whose cursor holds another type than the cursor's, null or
 * nothing are not read incrementally, like NULL cursors in SQL; a full refresh reads them.
 */
final class CursorBounds {
    private static final Set<BsonType> UNORDERABLE = Set.of(BsonType.DOCUMENT, BsonType.ARRAY);

    /**
     * The upper bound and where it came from, for the run's log.
     *
     * @param value  the highest cursor value the read takes
     * @param source {@code "server clock"} or {@code "largest value"}
     */
    record Upper(BsonValue value, String source) {
    }

    private CursorBounds() {
    }

    /**
     * @param collection the collection
     * @param cursor     the cursor column
     * @param stored     the cursor value of the stored offset, or null
     * @return a BSON type standing for the cursor's bracket, or null when no document has a cursor value
     * @throws ConnectorException when the cursor holds several kinds of values, or documents, or changed its type
     *                            since the stored offset
     */
    static BsonType cursorType(MongoCollection<BsonDocument> collection, Column cursor, BsonValue stored)
            throws ConnectorException {
        Set<Integer> ranks = new TreeSet<>();
        BsonType sampled = null;
        for (String alias : cursor.bsonTypes()) {
            sampled = BsonTypes.type(alias);
            ranks.add(BsonTypes.row(sampled).rank());
        }
        if (ranks.size() > 1) {
            throw new ConnectorException(Kind.CONFIGURATION, "cursor field " + cursor.name() + " holds values of several"
                    + " types (" + String.join(", ", new TreeSet<>(cursor.bsonTypes())) + "); choose a field that holds dates or numbers");
        }
        if (sampled == null) {
            BsonValue largest = largest(collection, cursor, new BsonDocument("$exists", BsonBoolean.TRUE)
                    .append("$ne", BsonNull.VALUE));
            sampled = largest == null ? null : largest.getBsonType();
        }
        if (stored != null && sampled != null
                && BsonTypes.row(stored.getBsonType()).rank() != BsonTypes.row(sampled).rank()) {
            throw new ConnectorException(Kind.SCHEMA, "cursor field " + cursor.name() + " now holds "
                    + BsonTypes.row(sampled).alias() + " values but the stored offset is a " + BsonTypes.alias(stored)
                    + "; reset the stream's offset to read it again from the start");
        }
        BsonType type = sampled != null ? sampled : stored == null ? null : stored.getBsonType();
        if (type != null && UNORDERABLE.contains(type)) {
            throw new ConnectorException(Kind.CONFIGURATION, "cursor field " + cursor.name() + " holds "
                    + BsonTypes.row(type).alias() + " values; choose a field that holds dates or numbers");
        }
        return type;
    }

    /**
     * @param database   the database, for its clock
     * @param collection the collection
     * @param cursor     the cursor column
     * @param type       the cursor's type
     * @return the upper bound, or null when no document has a cursor value of that type
     */
    static Upper upper(MongoDatabase database, MongoCollection<BsonDocument> collection, Column cursor, BsonType type) {
        if (type == BsonType.DATE_TIME) {
            BsonDateTime now = serverClock(database);
            if (now != null) {
                return new Upper(now, "server clock");
            }
        }
        BsonValue largest = largest(collection, cursor, new BsonDocument("$type", BsonTypes.bracket(type)));
        return largest == null ? null : new Upper(largest, "largest value");
    }

    /**
     * @param cursor   a stored cursor value
     * @param lookBack the look-back window
     * @return the cursor moved back by the window, or null when there is no window or the cursor is not a date
     */
    static BsonValue lookedBack(BsonValue cursor, Duration lookBack) {
        if (cursor == null || !cursor.isDateTime() || lookBack.isZero() || lookBack.isNegative()) {
            return null;
        }
        return new BsonDateTime(cursor.asDateTime().getValue() - lookBack.toMillis());
    }

    private static BsonValue largest(MongoCollection<BsonDocument> collection, Column cursor, BsonDocument condition) {
        String path = cursor.dottedPath();
        BsonDocument top = collection.find(new BsonDocument(path, condition))
                .sort(new BsonDocument(path, new BsonInt32(-1)))
                .projection(new BsonDocument(path, new BsonInt32(1)))
                .limit(1).first();
        return top == null ? null : CollectionLayout.valueAt(top, cursor.path());
    }

    private static BsonDateTime serverClock(MongoDatabase database) {
        for (String command : List.of("hello", "isMaster")) {
            try {
                BsonValue time = database.runCommand(new BsonDocument(command, new BsonInt32(1)), BsonDocument.class)
                        .get("localTime");
                if (time != null && time.isDateTime()) {
                    return time.asDateTime();
                }
            } catch (MongoCommandException e) {
                // hello arrived in MongoDB 4.4.2 (isMaster is its older name); try the next
            }
        }
        return null;
    }
}

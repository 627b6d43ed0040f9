package io.arus.connector.mongodb;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * Builds the filters and sorts of keyset reads. A MongoDB sort orders values of different types one bracket after
 * another (numbers, then strings, ..., ObjectIds, ..., dates), but {@code $gt} only matches values of its operand's
 * bracket. So "after this {@code _id}" is {@code _id > last OR _id is of a type that sorts later}: without the
 * second half, a collection whose ids are numbers and strings would end its read at the last number.
 * <p>
 * Incremental reads filter {@code cursor >= c AND (cursor > c OR _id after id)} and sort {@code {cursor: 1, _id: 1}};
 * the leading range gives the planner index bounds on a {@code {cursor: 1, _id: 1}} index, and documents sharing
 * the cursor value {@code c} at a batch boundary are neither skipped nor read twice.
 */
final class KeysetFilter {
    private KeysetFilter() {
    }

    /** @return the sort of a full read: {@code {_id: 1}} */
    static BsonDocument byId() {
        return new BsonDocument(SchemaInference.ID, new BsonInt32(1));
    }

    /** @return the sort of an incremental read: {@code {cursor: 1, _id: 1}} */
    static BsonDocument byCursor(String cursorPath) {
        return new BsonDocument(cursorPath, new BsonInt32(1)).append(SchemaInference.ID, new BsonInt32(1));
    }

    /**
     * @param field a field path
     * @param last  the value last read
     * @return documents whose field sorts strictly after {@code last}
     */
    static BsonDocument after(String field, BsonValue last) {
        BsonDocument greater = new BsonDocument(field, new BsonDocument("$gt", last));
        BsonArray later = BsonTypes.sortedAfter(last.getBsonType());
        if (later.isEmpty()) {
            return greater;
        }
        return new BsonDocument("$or", new BsonArray(List.of(greater,
                new BsonDocument(field, new BsonDocument("$type", later)))));
    }

    /**
     * The filter of one incremental query.
     *
     * @param cursorPath the cursor field path
     * @param from       read cursor values from this one on (inclusive; a look-back start or a stored cursor
     *                   without an id), or null
     * @param lastCursor the cursor value of the last document read, or null (then lastId is ignored)
     * @param lastId     the {@code _id} of the last document read, or null (then lastCursor is ignored)
     * @param upper      the highest cursor value this read takes
     * @return the filter
     */
    static BsonDocument incremental(String cursorPath, BsonValue from, BsonValue lastCursor, BsonValue lastId,
                                    BsonValue upper) {
        BsonDocument range = new BsonDocument("$lte", upper);
        List<BsonValue> conditions = new ArrayList<>();
        conditions.add(new BsonDocument(cursorPath, range));
        if (from != null) {
            range.append("$gte", from);
        } else if (lastCursor != null && lastId != null) {
            range.append("$gte", lastCursor);
            conditions.add(new BsonDocument("$or", new BsonArray(List.of(
                    new BsonDocument(cursorPath, new BsonDocument("$gt", lastCursor)),
                    after(SchemaInference.ID, lastId)))));
        }
        return conditions.size() == 1 ? conditions.get(0).asDocument() : new BsonDocument("$and", new BsonArray(conditions));
    }
}

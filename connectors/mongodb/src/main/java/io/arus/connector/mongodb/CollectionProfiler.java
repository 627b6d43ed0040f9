package io.arus.connector.mongodb;

import com.mongodb.client.MongoCollection;
import io.arus.api.connector.StreamProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Counts a collection for the engine's quality checks: documents (leaving out those whose soft-delete field is
 * set), distinct keys, and per column the documents where it is null or missing, which is what the reader turns
 * into NULL. Columns are resolved to their document paths, so flattened columns count their nested field.
 */
final class CollectionProfiler {
    private CollectionProfiler() {
    }

    /**
     * @param collection      the collection
     * @param layout          its columns
     * @param keyColumns      columns whose distinct combinations to count; empty to skip
     * @param nullColumns     columns whose nulls to count
     * @param excludeWhereSet a column whose non-null documents to leave out, or null
     * @return the counts
     */
    static StreamProfile profile(MongoCollection<BsonDocument> collection, CollectionLayout layout, List<String> keyColumns,
                                 List<String> nullColumns, String excludeWhereSet) {
        BsonDocument match = excludeWhereSet == null ? new BsonDocument()
                // {field: null} matches a null and a missing field alike
                : new BsonDocument(path(layout, excludeWhereSet), BsonNull.VALUE);
        long rows;
        Map<String, Long> nulls = new LinkedHashMap<>();
        if (nullColumns.isEmpty()) {
            rows = collection.countDocuments(match);
        } else {
            BsonDocument group = new BsonDocument("_id", BsonNull.VALUE).append("rows", new BsonDocument("$sum", new BsonInt32(1)));
            for (int i = 0; i < nullColumns.size(); i++) {
                BsonValue value = new BsonDocument("$ifNull", new BsonArray(List.of(field(layout, nullColumns.get(i)),
                        BsonNull.VALUE)));
                BsonValue isNull = new BsonDocument("$eq", new BsonArray(List.of(value, BsonNull.VALUE)));
                group.append("n" + i, new BsonDocument("$sum", new BsonDocument("$cond",
                        new BsonArray(List.of(isNull, new BsonInt32(1), new BsonInt32(0))))));
            }
            BsonDocument counts = collection.aggregate(List.of(new BsonDocument("$match", match),
                    new BsonDocument("$group", group))).allowDiskUse(true).first();
            rows = counts == null ? 0 : number(counts.get("rows"));
            for (int i = 0; i < nullColumns.size(); i++) {
                nulls.put(nullColumns.get(i), counts == null ? 0 : number(counts.get("n" + i)));
            }
        }
        return new StreamProfile(rows, distinctKeys(collection, layout, keyColumns, match, rows), nulls);
    }

    private static long distinctKeys(MongoCollection<BsonDocument> collection, CollectionLayout layout,
                                     List<String> keyColumns, BsonDocument match, long rows) {
        if (keyColumns.isEmpty()) {
            return -1;
        }
        if (keyColumns.equals(List.of(SchemaInference.ID))) {
            return rows; // the server keeps _id unique
        }
        BsonDocument key = new BsonDocument();
        for (int i = 0; i < keyColumns.size(); i++) {
            key.append("k" + i, field(layout, keyColumns.get(i)));
        }
        List<BsonDocument> pipeline = new ArrayList<>();
        pipeline.add(new BsonDocument("$match", match));
        pipeline.add(new BsonDocument("$group", new BsonDocument("_id", key)));
        pipeline.add(new BsonDocument("$count", new BsonString("keys")));
        BsonDocument counted = collection.aggregate(pipeline).allowDiskUse(true).first();
        return counted == null ? 0 : number(counted.get("keys"));
    }

    private static String path(CollectionLayout layout, String column) {
        return layout.column(column).map(Column::dottedPath).orElse(column);
    }

    private static BsonString field(CollectionLayout layout, String column) {
        return new BsonString("$" + path(layout, column));
    }

    private static long number(BsonValue value) {
        return value == null ? 0 : value.asNumber().longValue();
    }
}

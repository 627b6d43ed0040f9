package io.arus.connector.mongodb;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import java.util.List;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * Reads the documents a collection's columns are inferred from. A collection no larger than the sample is read
 * whole. Of a larger one, three quarters of the sample are random documents ({@code $sample}, which the server
 * serves from a random cursor when the sample is small against the collection) and a quarter are the last
 * documents in {@code _id} order, the newest for ObjectIds: a field that applications only recently began to
 * write is rare in a random sample but present in the newest documents. A server whose {@code $sample} fails (some
 * MongoDB-compatible servers, and the in-process test server on larger collections) gets the first documents in
 * natural order instead of the random ones.
 */
final class DocumentSample {
    /** How the documents were chosen. */
    enum Method {
        /** The whole collection. */
        WHOLE,
        /** Random documents and the newest. */
        RANDOM,
        /** The first documents in natural order and the newest. */
        FIRST
    }

    private DocumentSample() {
    }

    /**
     * @param collection the collection
     * @param estimate   its estimated document count, or -1 when unknown
     * @param size       the sample size, at least 1
     * @param flatten    whether nested documents become {@code parent_child} columns
     * @return the columns the sample calls for
     */
    static CollectionLayout infer(MongoCollection<BsonDocument> collection, long estimate, int size, boolean flatten) {
        SchemaInference inference = new SchemaInference(flatten);
        read(collection, estimate, size, inference::observe);
        return inference.layout();
    }

    /**
     * @param collection the collection
     * @param estimate   its estimated document count, or -1 when unknown
     * @param size       the sample size, at least 1
     * @param into       takes each sampled document
     * @return how the documents were chosen
     */
    static Method read(MongoCollection<BsonDocument> collection, long estimate, int size, Consumer<BsonDocument> into) {
        int fetch = Math.min(size, 1000);
        if (estimate >= 0 && estimate <= size) {
            collection.find().limit(size).batchSize(fetch).forEach(into);
            return Method.WHOLE;
        }
        int newest = size / 4;
        int random = size - newest;
        Method method = Method.RANDOM;
        try {
            collection.aggregate(List.of(new BsonDocument("$sample", new BsonDocument("size", new BsonInt32(random)))))
                    .allowDiskUse(true).batchSize(fetch).forEach(into);
        } catch (MongoServerException e) {
            method = Method.FIRST;
            collection.find().limit(random).batchSize(fetch).forEach(into);
        }
        if (newest > 0) {
            collection.find().sort(new BsonDocument(SchemaInference.ID, new BsonInt32(-1))).limit(newest).batchSize(fetch)
                    .forEach(into);
        }
        return method;
    }
}

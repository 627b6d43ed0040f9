package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.RecordBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads 100,000 documents of the speed-anchor shape (STACK.md: id, name, email, qty, price, created_at, note null
 * in every 10th) and prints the rate. The in-process server sorts in memory and is far slower than a real MongoDB;
 * the figure is a floor for the connector's own overhead, not a MongoDB benchmark.
 */
class ReadThroughputTest {
    private static final int DOCUMENTS = 100_000;
    private static MongoFixture mongo;
    private static String db;

    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
        db = mongo.newDatabase();
        MongoCollection<BsonDocument> orders = mongo.collection(db, "orders");
        List<BsonDocument> documents = new ArrayList<>();
        long created = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(new BsonDocument("_id", new BsonObjectId(new ObjectId()))
                    .append("id", new BsonInt64(i))
                    .append("name", new BsonString("customer " + i))
                    .append("email", new BsonString("c" + i + "@example.com"))
                    .append("qty", new BsonInt32(i % 1000))
                    .append("price", new BsonDecimal128(new Decimal128(BigDecimal.valueOf(i, 2))))
                    .append("created_at", new BsonDateTime(created + i * 1000L))
                    .append("note", i % 10 == 0 ? BsonNull.VALUE : new BsonString("note " + i)));
            if (documents.size() == 10_000) {
                orders.insertMany(documents);
                documents.clear();
            }
        }
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static long read(ConnectorSession session, ReadRequest request, String label) throws Exception {
        long start = System.nanoTime();
        long rows = 0;
        try (StreamReader reader = session.openReader(request, Split.WHOLE, new TestContext(request.stream()))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                rows += batch.size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("mongodb %s: %,d documents in %.2f s = %,.0f documents/s%n", label, rows, seconds, rows / seconds);
        return rows;
    }

    @Test
    void readsAHundredThousandDocumentsFullyAndIncrementally() throws Exception {
        long start = System.nanoTime();
        long raw = 0;
        for (BsonDocument ignored : mongo.collection(db, "orders").find().sort(new BsonDocument("_id", new BsonInt32(1)))
                .batchSize(10_000)) {
            raw++;
        }
        System.out.printf("mongodb driver alone, sorted by _id: %,d documents/s%n",
                (long) (raw / ((System.nanoTime() - start) / 1e9)));
        StreamId orders = new StreamId(db, "orders");
        try (ConnectorSession session = mongo.session(db)) {
            session.discover();

            assertThat(read(session, ReadRequest.builder(orders).batchSize(10_000).build(), "full refresh"))
                    .isEqualTo(DOCUMENTS);
            assertThat(read(session, ReadRequest.builder(orders).syncMode(SyncMode.INCREMENTAL).cursorField("created_at")
                    .batchSize(10_000).build(), "incremental")).isEqualTo(DOCUMENTS);
        }
    }
}

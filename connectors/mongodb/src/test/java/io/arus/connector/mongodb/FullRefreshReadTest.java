package io.arus.connector.mongodb;

import static io.arus.connector.mongodb.MongoFixture.readAll;
import static io.arus.connector.mongodb.MongoFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ServerCursor;
import com.mongodb.client.MongoCollection;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FullRefreshReadTest {
    private static MongoFixture mongo;

    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static List<String> insertOrders(MongoCollection<BsonDocument> orders, int count) {
        List<BsonDocument> documents = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectId id = new ObjectId();
            ids.add(id.toHexString());
            documents.add(new BsonDocument("_id", new BsonObjectId(id)).append("n", new BsonInt32(i))
                    .append("customer", new BsonString("c" + i % 97)));
            if (documents.size() == 1000) {
                orders.insertMany(documents);
                documents.clear();
            }
        }
        if (!documents.isEmpty()) {
            orders.insertMany(documents);
        }
        return ids;
    }

    private static ReadRequest.Builder request(StreamId stream, int batchSize) {
        return ReadRequest.builder(stream).primaryKey(List.of("_id")).batchSize(batchSize);
    }

    private static List<Object> column(List<RecordBatch> batches, int index) {
        List<Object> values = new ArrayList<>();
        for (Object[] row : rows(batches)) {
            values.add(row[index]);
        }
        return values;
    }

    @Test
    void readsTenThousandDocumentsInBatchesOfOneThousandEachExactlyOnce() throws Exception {
        String db = mongo.newDatabase();
        List<String> ids = insertOrders(mongo.collection(db, "orders"), 10_000);
        StreamId orders = new StreamId(db, "orders");

        try (ConnectorSession session = mongo.session(db)) {
            session.discover();
            List<RecordBatch> batches = readAll(session, request(orders, 1000).build());

            assertThat(batches).hasSize(10).allSatisfy(batch -> assertThat(batch.size()).isEqualTo(1000));
            List<Object> read = column(batches, 0);
            assertThat(read).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
            assertThat(read).isSorted();
            assertThat(batches.get(9).offsetAfter().values()).containsEntry("id",
                    Map.of("type", "objectId", "value", read.get(9999)));
        }
    }

    @Test
    void resumesFromAMidStreamOffsetWithoutSkippingOrRepeating() throws Exception {
        String db = mongo.newDatabase();
        List<String> ids = insertOrders(mongo.collection(db, "orders"), 2500);
        StreamId orders = new StreamId(db, "orders");

        try (ConnectorSession session = mongo.session(db)) {
            List<Object> first = new ArrayList<>();
            Offset stored;
            try (StreamReader reader = session.openReader(request(orders, 400).build(), Split.WHOLE, new TestContext(orders))) {
                RecordBatch one = reader.poll();
                RecordBatch two = reader.poll();
                first.addAll(column(List.of(one, two), 0));
                stored = new Offset(two.offsetAfter().version(), OffsetValuesTest.throughJson(two.offsetAfter().values()));
            }
            List<Object> rest = column(readAll(session, request(orders, 400).startOffset(stored).build()), 0);

            assertThat(first).hasSize(800);
            assertThat(rest).hasSize(1700).doesNotContainAnyElementsOf(first);
            List<Object> all = new ArrayList<>(first);
            all.addAll(rest);
            assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void readsIdsOfEveryTypeInServerOrderAndResumesAfterEach() throws Exception {
        String db = mongo.newDatabase();
        List<BsonValue> ids = List.of(new BsonInt32(3), new BsonInt64(4), new BsonDouble(4.5), new BsonInt32(10),
                new BsonString("a"), new BsonString("b"), new BsonDocument("k", new BsonInt32(1)),
                new BsonBinary(UUID.randomUUID()), new BsonObjectId(new ObjectId()), new BsonObjectId(new ObjectId()),
                BsonBoolean.FALSE, BsonBoolean.TRUE, new BsonDateTime(0), new BsonDateTime(1000));
        List<BsonDocument> documents = new ArrayList<>();
        for (BsonValue id : ids) {
            documents.add(new BsonDocument("_id", id).append("v", new BsonInt32(documents.size())));
        }
        mongo.collection(db, "mixed").insertMany(documents);
        StreamId mixed = new StreamId(db, "mixed");

        try (ConnectorSession session = mongo.session(db)) {
            List<RecordBatch> batches = readAll(session, request(mixed, 2).build());
            assertThat(column(batches, 1)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);

            for (int b = 0; b < batches.size() - 1; b++) {
                Offset stored = new Offset(1, OffsetValuesTest.throughJson(batches.get(b).offsetAfter().values()));
                List<Object> rest = column(readAll(session, request(mixed, 3).startOffset(stored).build()), 1);
                assertThat(rest).as("after batch %d", b).hasSize(ids.size() - 2 * (b + 1)).first().isEqualTo(2 * (b + 1));
            }
        }
    }

    @Test
    void convertsValuesToTheirColumnsTypes() throws Exception {
        String db = mongo.newDatabase();
        MongoCollection<BsonDocument> people = mongo.collection(db, "people");
        ObjectId id = new ObjectId();
        people.insertMany(List.of(
                new BsonDocument("_id", new BsonObjectId(id)).append("age", new BsonInt32(30))
                        .append("code", new BsonString("A")).append("born", new BsonDateTime(0))
                        .append("address", new BsonDocument("city", new BsonString("Osaka")).append("owner",
                                new BsonObjectId(id))),
                new BsonDocument("_id", new BsonObjectId(new ObjectId())).append("age", new BsonInt32(31))
                        .append("code", new BsonInt32(42))));
        StreamId stream = new StreamId(db, "people");

        try (ConnectorSession session = mongo.session(db)) {
            session.discover();
            // arrives after discovery: the columns keep their discovered types
            people.insertOne(new BsonDocument("_id", new BsonObjectId(new ObjectId())).append("age", new BsonString("old")));
            List<Object[]> rows = rows(readAll(session, request(stream, 10).build()));

            assertThat(rows.get(0)).containsExactly(id.toHexString(), 30, "A", Instant.EPOCH,
                    "{\"city\":\"Osaka\",\"owner\":\"" + id.toHexString() + "\"}");
            assertThat(rows.get(1)).containsExactly(rows.get(1)[0], 31, "42", null, null);
            assertThat(rows.get(2)).containsExactly(rows.get(2)[0], "old", null, null, null);
        }
    }

    @Test
    void readsOnlyTheRequestedColumns() throws Exception {
        String db = mongo.newDatabase();
        insertOrders(mongo.collection(db, "orders"), 5);
        StreamId orders = new StreamId(db, "orders");

        try (ConnectorSession session = mongo.session(db)) {
            List<RecordBatch> batches = readAll(session, request(orders, 10).columns(List.of("customer", "n")).build());

            assertThat(batches.get(0).schema().names()).containsExactly("customer", "n");
            assertThat(rows(batches)).extracting(row -> row[1]).containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Test
    void wakeupAndAStoppedRunEndAPollAtTheCurrentPosition() throws Exception {
        String db = mongo.newDatabase();
        List<String> ids = insertOrders(mongo.collection(db, "orders"), 3000);
        StreamId orders = new StreamId(db, "orders");

        try (ConnectorSession session = mongo.session(db)) {
            TestContext context = new TestContext(orders);
            Set<Object> read = new HashSet<>();
            try (StreamReader reader = session.openReader(request(orders, 1000).build(), Split.WHOLE, context)) {
                RecordBatch first = reader.poll();
                read.addAll(column(List.of(first), 0));
                reader.wakeup();
                RecordBatch woken = reader.poll();
                assertThat(woken.isEmpty()).isTrue();
                assertThat(woken.offsetAfter()).isEqualTo(first.offsetAfter());
                context.stop();
                RecordBatch stopped = reader.poll();
                assertThat(stopped.isEmpty()).isTrue();
                assertThat(stopped.offsetAfter()).isEqualTo(first.offsetAfter());
                reader.close();
                assertThat(reader.poll()).isNull();
            }
            Offset stored = new Offset(1, OffsetValuesTest.throughJson(
                    Map.of("id", Map.of("type", "objectId", "value", ids.get(0)))));
            List<Object> rest = column(readAll(session, request(orders, 1000).startOffset(stored).build()), 0);
            assertThat(rest).hasSize(2999);
            assertThat(read).hasSize(1000);
        }
    }

    @Test
    void goesOnAfterTheServerDroppedItsCursor() throws Exception {
        String db = mongo.newDatabase();
        List<String> ids = insertOrders(mongo.collection(db, "orders"), 1000);
        StreamId orders = new StreamId(db, "orders");

        try (ConnectorSession session = mongo.session(db)) {
            List<Object> read = new ArrayList<>();
            try (StreamReader reader = session.openReader(request(orders, 100).build(), Split.WHOLE, new TestContext(orders))) {
                read.addAll(column(List.of(reader.poll()), 0));
                ServerCursor cursor = ((CollectionReader) reader).serverCursor();
                assertThat(cursor).isNotNull();
                BsonDocument killed = mongo.database(db).runCommand(new BsonDocument("killCursors", new BsonString("orders"))
                        .append("cursors", new BsonArray(List.of(new BsonInt64(cursor.getId())))), BsonDocument.class);
                assertThat(killed.getArray("cursorsKilled")).containsExactly(new BsonInt64(cursor.getId()));
                for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                    read.addAll(column(List.of(batch), 0));
                }
            }

            assertThat(read).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        }
    }
}

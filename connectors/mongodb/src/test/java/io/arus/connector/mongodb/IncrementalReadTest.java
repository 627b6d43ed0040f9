package io.arus.connector.mongodb;

import static io.arus.connector.mongodb.MongoFixture.readAll;
import static io.arus.connector.mongodb.MongoFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IncrementalReadTest {
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
    private static MongoFixture mongo;

    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static BsonDocument event(int id, Instant updatedAt) {
        return new BsonDocument("_id", new BsonInt32(id)).append("updated_at", new BsonDateTime(updatedAt.toEpochMilli()))
                .append("v", new BsonInt32(0));
    }

    private static void insert(MongoCollection<BsonDocument> collection, List<BsonDocument> documents) {
        for (int i = 0; i < documents.size(); i += 1000) {
            collection.insertMany(documents.subList(i, Math.min(documents.size(), i + 1000)));
        }
    }

    private static ReadRequest.Builder incremental(StreamId stream, String cursor, int batchSize) {
        return ReadRequest.builder(stream).syncMode(SyncMode.INCREMENTAL).cursorField(cursor)
                .primaryKey(List.of("_id")).batchSize(batchSize);
    }

    private static List<Object> ids(List<RecordBatch> batches) {
        return rows(batches).stream().map(row -> row[0]).toList();
    }

    private static Offset stored(RecordBatch batch) {
        return new Offset(batch.offsetAfter().version(), OffsetValuesTest.throughJson(batch.offsetAfter().values()));
    }

    @Test
    void readsUpdatedAndInsertedDocumentsAfterTheOffset() throws Exception {
        String db = mongo.newDatabase();
        MongoCollection<BsonDocument> events = mongo.collection(db, "events");
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            documents.add(event(i, BASE.plusSeconds(i)));
        }
        insert(events, documents);
        StreamId stream = new StreamId(db, "events");

        try (ConnectorSession session = mongo.session(db)) {
            session.discover();
            List<RecordBatch> first = readAll(session, incremental(stream, "updated_at", 300).build());
            assertThat(ids(first)).hasSize(1000).doesNotHaveDuplicates();
            Offset offset = stored(first.get(first.size() - 1));
            assertThat(offset.values()).containsEntry("cursor", Map.of("type", "date", "value", "2024-01-01T00:16:39Z"))
                    .containsEntry("id", Map.of("type", "int", "value", 999));

            for (int id = 100; id < 1000; id += 100) {
                events.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("v", 1),
                        Updates.set("updated_at", new BsonDateTime(BASE.plusSeconds(5000 - id).toEpochMilli()))));
            }
            for (int id = 1000; id < 1005; id++) {
                events.insertOne(event(id, BASE.plusSeconds(6000)));
            }
            List<RecordBatch> second = readAll(session, incremental(stream, "updated_at", 4).startOffset(offset).build());

            assertThat(ids(second)).containsExactly(900, 800, 700, 600, 500, 400, 300, 200, 100, 1000, 1001, 1002, 1003, 1004);
            assertThat(rows(second)).extracting(row -> row[2]).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0);
            List<RecordBatch> third = readAll(session, incremental(stream, "updated_at", 4)
                    .startOffset(stored(second.get(second.size() - 1))).build());
            assertThat(third).isEmpty();
        }
    }

    @Test
    void documentsSharingOneCursorValueAllArriveAcrossBatchBoundaries() throws Exception {
        String db = mongo.newDatabase();
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            Instant at = i < 500 ? BASE : i < 3500 ? BASE.plusSeconds(60) : BASE.plusSeconds(120);
            documents.add(event(i, at));
        }
        insert(mongo.collection(db, "events"), documents);
        StreamId stream = new StreamId(db, "events");

        try (ConnectorSession session = mongo.session(db)) {
            List<RecordBatch> batches = readAll(session, incremental(stream, "updated_at", 1000).build());

            assertThat(batches).hasSize(4);
            assertThat(ids(batches)).hasSize(4000).doesNotHaveDuplicates();
            assertThat(batches.get(1).offsetAfter().values()).containsEntry("cursor",
                    Map.of("type", "date", "value", "2024-01-01T00:01:00Z"));
            for (int b = 0; b < 3; b++) {
                List<Object> rest = ids(readAll(session, incremental(stream, "updated_at", 1000)
                        .startOffset(stored(batches.get(b))).build()));
                Set<Object> before = new HashSet<>(ids(batches.subList(0, b + 1)));
                assertThat(rest).as("resumed after batch %d", b).hasSize(4000 - 1000 * (b + 1))
                        .noneMatch(before::contains);
            }
        }
    }

    @Test
    void documentsStampedAfterTheServerClockWaitForALaterRun() throws Exception {
        String db = mongo.newDatabase();
        MongoCollection<BsonDocument> events = mongo.collection(db, "events");
        events.insertMany(List.of(event(1, BASE), event(2, Instant.now().plus(Duration.ofHours(1)))));
        StreamId stream = new StreamId(db, "events");

        try (ConnectorSession session = mongo.session(db)) {
            TestContext context = new TestContext(stream);
            List<RecordBatch> batches = readAll(session.openReader(incremental(stream, "updated_at", 10).build(),
                    Split.WHOLE, context));

            assertThat(ids(batches)).containsExactly(1);
            assertThat(context.log()).anySatisfy(line -> assertThat(line).contains("(server clock)"));
        }
    }

    @Test
    void aNumericCursorStopsAtTheLargestValueWhenTheReaderOpened() throws Exception {
        String db = mongo.newDatabase();
        MongoCollection<BsonDocument> items = mongo.collection(db, "items");
        for (int i = 0; i < 10; i++) {
            items.insertOne(new BsonDocument("_id", new BsonInt32(i)).append("updated", i % 2 == 0
                    ? new BsonInt32(i) : new BsonInt64(i)));
        }
        StreamId stream = new StreamId(db, "items");

        try (ConnectorSession session = mongo.session(db)) {
            assertThat(session.discover().get(0).cursorCandidates()).containsExactly("updated");
            TestContext context = new TestContext(stream);
            List<RecordBatch> first;
            try (StreamReader reader = session.openReader(incremental(stream, "updated", 3).build(), Split.WHOLE, context)) {
                items.insertOne(new BsonDocument("_id", new BsonInt32(10)).append("updated", new BsonInt64(10)));
                first = readAll(reader);
            }
            List<RecordBatch> second = readAll(session, incremental(stream, "updated", 3)
                    .startOffset(stored(first.get(first.size() - 1))).build());

            assertThat(ids(first)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(rows(first).get(1)[1]).isEqualTo(1L);
            assertThat(context.log()).anySatisfy(line -> assertThat(line).contains("up to 9 (largest value)"));
            assertThat(ids(second)).containsExactly(10);
        }
    }

    @Test
    void theLookBackWindowReReadsRecentDocuments() throws Exception {
        String db = mongo.newDatabase();
        Instant t = BASE.plusSeconds(3600);
        mongo.collection(db, "events").insertMany(List.of(event(1, t.minusSeconds(120)), event(2, t.minusSeconds(30)),
                event(3, t), event(4, t.plusSeconds(1))));
        StreamId stream = new StreamId(db, "events");
        Offset offset = new Offset(1, OffsetValuesTest.throughJson(Map.of(
                "cursor", Map.of("type", "date", "value", t.toString()), "id", Map.of("type", "int", "value", 3))));

        try (ConnectorSession session = mongo.session(db)) {
            List<Object> withoutLookBack = ids(readAll(session, incremental(stream, "updated_at", 10).startOffset(offset).build()));
            List<Object> withLookBack = ids(readAll(session, incremental(stream, "updated_at", 10).startOffset(offset)
                    .lookBack(Duration.ofSeconds(60)).build()));

            assertThat(withoutLookBack).containsExactly(4);
            assertThat(withLookBack).containsExactly(2, 3, 4);
        }
    }

    @Test
    void aStoredCursorWithoutAnIdReReadsThatCursorValue() throws Exception {
        String db = mongo.newDatabase();
        mongo.collection(db, "events").insertMany(List.of(event(1, BASE), event(2, BASE.plusSeconds(1)),
                event(3, BASE.plusSeconds(1))));
        StreamId stream = new StreamId(db, "events");
        Offset offset = Offset.of(Map.of("cursor", Map.of("type", "date", "value", BASE.plusSeconds(1).toString())));

        try (ConnectorSession session = mongo.session(db)) {
            assertThat(ids(readAll(session, incremental(stream, "updated_at", 10).startOffset(offset).build())))
                    .containsExactly(2, 3);
        }
    }

    @Test
    void documentsWithoutACursorValueAreLeftToFullRefresh() throws Exception {
        String db = mongo.newDatabase();
        mongo.collection(db, "events").insertMany(List.of(event(1, BASE),
                new BsonDocument("_id", new BsonInt32(2)).append("updated_at", BsonNull.VALUE),
                new BsonDocument("_id", new BsonInt32(3))));
        StreamId stream = new StreamId(db, "events");

        try (ConnectorSession session = mongo.session(db)) {
            assertThat(ids(readAll(session, incremental(stream, "updated_at", 10).build()))).containsExactly(1);
            assertThat(ids(readAll(session, ReadRequest.builder(stream).batchSize(10).build()))).containsExactly(1, 2, 3);
        }
    }

    @Test
    void aCursorOfMixedTypesIsRefusedWithTheReason() throws Exception {
        String db = mongo.newDatabase();
        mongo.collection(db, "events").insertMany(List.of(event(1, BASE),
                new BsonDocument("_id", new BsonInt32(2)).append("updated_at", new BsonString("yesterday"))));
        StreamId stream = new StreamId(db, "events");

        try (ConnectorSession session = mongo.session(db)) {
            assertThat(session.discover().get(0).cursorCandidates()).isEmpty();
            assertThatThrownBy(() -> session.openReader(incremental(stream, "updated_at", 10).build(), Split.WHOLE,
                    new TestContext(stream))).isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("several types (date, string)");
        }
    }

    @Test
    void aSoftDeleteFieldIsAnOrdinaryColumn() throws Exception {
        String db = mongo.newDatabase();
        mongo.collection(db, "events").insertMany(List.of(event(1, BASE).append("deleted_at", BsonNull.VALUE),
                event(2, BASE).append("deleted_at", new BsonDateTime(BASE.plusSeconds(5).toEpochMilli())), event(3, BASE)));
        StreamId stream = new StreamId(db, "events");

        try (ConnectorSession session = mongo.session(db)) {
            assertThat(session.discover().get(0).schema().names()).containsExactly("_id", "updated_at", "v", "deleted_at");
            List<Object[]> rows = rows(readAll(session, incremental(stream, "updated_at", 10).build()));

            assertThat(rows).extracting(row -> row[3]).containsExactly(null, BASE.plusSeconds(5), null);
        }
    }
}

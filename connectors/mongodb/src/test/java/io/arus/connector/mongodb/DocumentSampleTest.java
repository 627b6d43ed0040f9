package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DocumentSampleTest {
    private static MongoFixture mongo;

    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private static MongoCollection<BsonDocument> numbers(int count) {
        MongoCollection<BsonDocument> numbers = mongo.collection(mongo.newDatabase(), "numbers");
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(new BsonDocument("_id", new BsonInt32(i)));
        }
        numbers.insertMany(documents);
        return numbers;
    }

    private static List<Integer> sampledIds(MongoCollection<BsonDocument> collection, long estimate, int size,
                                            DocumentSample.Method expected) {
        List<Integer> ids = new ArrayList<>();
        DocumentSample.Method method = DocumentSample.read(collection, estimate, size,
                document -> ids.add(document.getInt32("_id").getValue()));
        assertThat(method).isEqualTo(expected);
        return ids;
    }

    @Test
    void readsASmallCollectionWhole() {
        assertThat(sampledIds(numbers(20), 20, 1000, DocumentSample.Method.WHOLE)).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void samplesALargerCollectionRandomlyPlusTheNewestDocuments() {
        // the in-process server's $sample only works on fewer than 32 documents
        List<Integer> ids = sampledIds(numbers(30), 30, 8, DocumentSample.Method.RANDOM);

        assertThat(ids).hasSize(8);
        assertThat(ids.subList(6, 8)).containsExactly(29, 28);
    }

    @Test
    void aSampleOfALargeCollectionHasTheSampleSizeAndEndsWithTheNewestDocuments() {
        List<Integer> ids = new ArrayList<>();
        // the in-process server's $sample fails at random on larger collections: either way is a valid sample
        DocumentSample.Method method = DocumentSample.read(numbers(3000), 3000, 100,
                document -> ids.add(document.getInt32("_id").getValue()));

        assertThat(method).isIn(DocumentSample.Method.RANDOM, DocumentSample.Method.FIRST);
        assertThat(ids).hasSize(100);
        assertThat(ids.subList(75, 100)).containsExactlyElementsOf(IntStream.range(0, 25).map(i -> 2999 - i).boxed().toList());
        if (method == DocumentSample.Method.FIRST) {
            assertThat(ids.subList(0, 75)).containsExactlyElementsOf(IntStream.range(0, 75).boxed().toList());
        }
    }
}

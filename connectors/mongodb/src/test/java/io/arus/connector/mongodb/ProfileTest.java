package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProfileTest {
    private static MongoFixture mongo;
    private static String db;
    private static StreamId people;

    /** 100 people: every 10th soft-deleted, every 5th without an email, every 20th with a null one, 3 countries. */
    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
        db = mongo.newDatabase();
        people = new StreamId(db, "people");
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            BsonDocument person = new BsonDocument("_id", new BsonInt32(i))
                    .append("country", new BsonString(List.of("PT", "PL", "JP").get(i % 3)))
                    .append("address", new BsonDocument("city", i % 4 == 0 ? BsonNull.VALUE : new BsonString("c" + i)))
                    .append("deleted_at", i % 10 == 0 ? new BsonDateTime(0) : BsonNull.VALUE);
            if (i % 5 != 0) {
                person.append("email", i % 20 == 1 ? BsonNull.VALUE : new BsonString(i + "@example.com"));
            }
            documents.add(person);
        }
        mongo.collection(db, "people").insertMany(documents);
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void countsDocumentsDistinctIdsAndNullOrMissingValues() throws Exception {
        try (ConnectorSession session = mongo.session(db)) {
            StreamProfile profile = session.profile(people, List.of("_id"), List.of("email", "country"), null);

            assertThat(profile.rowCount()).isEqualTo(100);
            assertThat(profile.distinctKeys()).isEqualTo(100);
            assertThat(profile.nullCounts()).isEqualTo(Map.of("email", 25L, "country", 0L));
        }
    }

    @Test
    void leavesOutSoftDeletedDocuments() throws Exception {
        try (ConnectorSession session = mongo.session(db)) {
            StreamProfile counted = session.profile(people, List.of(), List.of(), "deleted_at");
            StreamProfile withNulls = session.profile(people, List.of(), List.of("email"), "deleted_at");

            assertThat(counted.rowCount()).isEqualTo(90);
            assertThat(counted.distinctKeys()).isEqualTo(-1);
            assertThat(withNulls.rowCount()).isEqualTo(90);
            assertThat(withNulls.nullCounts()).containsEntry("email", 15L);
        }
    }

    @Test
    void countsDistinctValuesOfOtherKeyColumns() throws Exception {
        try (ConnectorSession session = mongo.session(db)) {
            assertThat(session.profile(people, List.of("country"), List.of(), null).distinctKeys()).isEqualTo(3);
            assertThat(session.profile(people, List.of("country", "_id"), List.of(), null).distinctKeys()).isEqualTo(100);
        }
    }

    @Test
    void countsNullsOfFlattenedColumnsAtTheirNestedPath() throws Exception {
        try (ConnectorSession session = mongo.session(db, Map.of("flatten", true))) {
            session.discover();

            assertThat(session.profile(people, List.of(), List.of("address_city"), null).nullCounts())
                    .containsEntry("address_city", 25L);
        }
    }
}

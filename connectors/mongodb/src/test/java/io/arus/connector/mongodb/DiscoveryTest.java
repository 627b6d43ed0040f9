package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import io.arus.api.config.ConfigField;
import io.arus.api.connector.Capability;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
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

class DiscoveryTest {
    private static MongoFixture mongo;

    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    /** Fifty customers whose fields vary the way real collections do. */
    private static void insertCustomers(MongoCollection<BsonDocument> customers) {
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            BsonDocument customer = new BsonDocument("_id", new BsonObjectId(new ObjectId()))
                    .append("name", new BsonString("customer " + i))
                    .append("age", i % 10 == 0 ? new BsonString("unknown") : new BsonInt32(20 + i))
                    .append("score", i % 2 == 0 ? new BsonInt32(i) : new BsonDouble(i + 0.5))
                    .append("visits", i % 3 == 0 ? new BsonInt64(5_000_000_000L + i) : new BsonInt32(i))
                    .append("balance", i % 4 == 0 ? new BsonInt32(i) : new BsonDecimal128(Decimal128.parse(i + ".25")))
                    .append("address", new BsonDocument("city", new BsonString("Lisbon"))
                            .append("geo", new BsonDocument("lat", new BsonDouble(38.7)).append("lng", new BsonDouble(-9.1))))
                    .append("tags", new BsonArray(List.of(new BsonString("vip"), new BsonInt32(i))))
                    .append("signed_up", new BsonDateTime(1_600_000_000_000L + i))
                    .append("updated_at", new BsonDateTime(1_700_000_000_000L + i))
                    .append("referrer", new BsonObjectId(new ObjectId()))
                    .append("legacy", BsonNull.VALUE)
                    .append("deleted_at", i % 7 == 0 ? new BsonDateTime(1_710_000_000_000L) : BsonNull.VALUE);
            if (i % 5 == 0) {
                customer.append("nickname", new BsonString("nick " + i));
            }
            documents.add(customer);
        }
        customers.insertMany(documents);
    }

    @Test
    void infersColumnsFromAMixedSample() throws Exception {
        String db = mongo.newDatabase();
        insertCustomers(mongo.collection(db, "customers"));

        try (ConnectorSession session = mongo.session(db)) {
            StreamDescriptor customers = session.discover().get(0);

            assertThat(customers.id()).isEqualTo(new StreamId(db, "customers"));
            assertThat(customers.primaryKey()).containsExactly("_id");
            assertThat(customers.rowEstimate()).isEqualTo(50);
            Map<String, LogicalType> types = customers.schema().fields().stream()
                    .collect(Collectors.toMap(Field::name, Field::type));
            assertThat(customers.schema().names()).containsExactly("_id", "name", "age", "score", "visits", "balance",
                    "address", "tags", "signed_up", "updated_at", "referrer", "legacy", "deleted_at", "nickname");
            assertThat(types).containsEntry("_id", LogicalType.STRING).containsEntry("name", LogicalType.STRING)
                    .containsEntry("age", LogicalType.STRING).containsEntry("score", LogicalType.FLOAT64)
                    .containsEntry("visits", LogicalType.INT64).containsEntry("balance", LogicalType.decimal(38, 2))
                    .containsEntry("address", LogicalType.JSON).containsEntry("tags", LogicalType.JSON)
                    .containsEntry("signed_up", LogicalType.TIMESTAMPTZ).containsEntry("updated_at", LogicalType.TIMESTAMPTZ)
                    .containsEntry("referrer", LogicalType.STRING).containsEntry("legacy", LogicalType.STRING)
                    .containsEntry("deleted_at", LogicalType.TIMESTAMPTZ).containsEntry("nickname", LogicalType.STRING);
            assertThat(customers.schema().field(0)).isEqualTo(new Field("_id", LogicalType.STRING, false, "objectId"));
            assertThat(customers.schema().field(2).nativeType()).isEqualTo("int|string");
            assertThat(customers.schema().fields().subList(1, 14)).allSatisfy(f -> assertThat(f.nullable()).isTrue());
            assertThat(customers.cursorCandidates()).containsExactly("updated_at", "signed_up", "deleted_at");
        }
    }

    @Test
    void flattensNestedDocumentsIntoParentChildColumns() throws Exception {
        String db = mongo.newDatabase();
        insertCustomers(mongo.collection(db, "customers"));

        try (ConnectorSession session = mongo.session(db, Map.of("flatten", true))) {
            StreamDescriptor customers = session.discover().get(0);

            assertThat(customers.schema().names()).contains("address_city", "address_geo_lat", "address_geo_lng", "tags")
                    .doesNotContain("address");
            assertThat(customers.schema().field(customers.schema().indexOf("address_geo_lat").getAsInt()).type())
                    .isEqualTo(LogicalType.FLOAT64);
            assertThat(customers.schema().field(customers.schema().indexOf("tags").getAsInt()).type())
                    .isEqualTo(LogicalType.JSON);
        }
    }

    @Test
    void mergesTypesAcrossTheSampleNotFromOneDocument() throws Exception {
        String db = mongo.newDatabase();
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            documents.add(new BsonDocument("_id", new BsonInt32(i)).append("code", i == 499 ? new BsonString("X-1")
                    : new BsonInt32(i)).append("updated", new BsonInt64(i)));
        }
        mongo.collection(db, "codes").insertMany(documents);

        try (ConnectorSession session = mongo.session(db)) {
            StreamDescriptor codes = session.discover().get(0);

            assertThat(codes.schema().field(1)).isEqualTo(new Field("code", LogicalType.STRING, true, "int|string"));
            assertThat(codes.schema().field(0).type()).isEqualTo(LogicalType.INT32);
            assertThat(codes.cursorCandidates()).containsExactly("updated");
        }
    }

    @Test
    void aSampleOfALargeCollectionIncludesTheNewestDocuments() throws Exception {
        String db = mongo.newDatabase();
        List<BsonDocument> documents = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            BsonDocument order = new BsonDocument("_id", new BsonInt32(i)).append("total", new BsonInt32(i));
            if (i >= 2990) {
                order.append("coupon", new BsonString("NEW-" + i));
            }
            documents.add(order);
        }
        mongo.collection(db, "orders").insertMany(documents);

        try (ConnectorSession session = mongo.session(db, Map.of("sample_size", 100))) {
            StreamDescriptor orders = session.discover().get(0);

            assertThat(orders.rowEstimate()).isEqualTo(3000);
            assertThat(orders.schema().names()).containsExactly("_id", "total", "coupon");
        }
    }

    @Test
    void listsOneStreamPerCollectionOfTheDatabase() throws Exception {
        String db = mongo.newDatabase();
        mongo.collection(db, "b_orders").insertOne(new BsonDocument("_id", new BsonInt32(1)));
        mongo.collection(db, "a_users").insertOne(new BsonDocument("_id", new BsonInt32(1)));
        mongo.database(db).createCollection("empty");
        mongo.collection(mongo.newDatabase(), "elsewhere").insertOne(new BsonDocument("_id", new BsonInt32(1)));

        try (ConnectorSession session = mongo.session(db)) {
            List<StreamDescriptor> streams = session.discover();

            assertThat(streams).extracting(s -> s.id().toString()).containsExactly(db + ".a_users", db + ".b_orders",
                    db + ".empty");
            assertThat(streams.get(2).schema().fields()).containsExactly(new Field("_id", LogicalType.STRING, false, ""));
            assertThat(streams.get(2).rowEstimate()).isZero();
        }
    }

    @Test
    void checkReportsTheServerAndItsCollections() throws Exception {
        String db = mongo.newDatabase();
        mongo.collection(db, "orders").insertOne(new BsonDocument("_id", new BsonInt32(1)));

        try (ConnectorSession session = mongo.session(db)) {
            CheckResult result = session.check();

            assertThat(result.ok()).isTrue();
            assertThat(result.message()).startsWith("MongoDB ").contains("database " + db + ": 1 collection(s)");
        }
    }

    @Test
    void checkFailsWithTheAddressWhenNoServerAnswers() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var config = MongoSettings.SPEC.resolve(Map.of("uri", "mongodb://127.0.0.1:" + closedPort
                + "/shop?serverSelectionTimeoutMS=300&connectTimeoutMS=300"));

        try (ConnectorSession session = new MongoConnector().open(config)) {
            CheckResult result = session.check();

            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains("127.0.0.1:" + closedPort);
        }
    }

    @Test
    void readingACollectionThatDoesNotExistFailsWithASchemaError() throws Exception {
        String db = mongo.newDatabase();
        mongo.collection(db, "orders").insertOne(new BsonDocument("_id", new BsonInt32(1)));

        try (ConnectorSession session = mongo.session(db)) {
            StreamId missing = new StreamId(db, "nope");
            assertThatThrownBy(() -> session.openReader(ReadRequest.builder(missing).build(), Split.WHOLE,
                    new TestContext(missing))).isInstanceOf(ConnectorException.class)
                    .satisfies(e -> assertThat(((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.SCHEMA));
        }
    }

    @Test
    void describesItselfAsAnIncrementalSource() {
        MongoConnector connector = new MongoConnector();

        assertThat(connector.descriptor().type()).isEqualTo("mongodb");
        assertThat(connector.capabilities()).containsExactlyInAnyOrder(Capability.SOURCE, Capability.INCREMENTAL);
        assertThat(connector.descriptor().config().fields()).extracting(ConfigField::name).containsExactly("uri", "host",
                "port", "username", "password", "database", "auth_source", "sample_size", "flatten");
    }
}

package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MongoDB collections into the real PostgreSQL test database, through the API: 10,000 documents with nested
 * objects, arrays, ObjectIds, dates, decimals, missing fields and a field whose type changes between documents;
 * then an incremental run after updates and inserts. The MongoDB side is mongo-java-server in this process
 * (STACK.md: no MongoDB server package here), spoken to over the wire protocol by the real driver.
 */
class MongoPipelineTest {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String PG_ROWS = "SELECT concat_ws('|', _id, name, coalesce(qty, '-'), coalesce(price::text, '-'),"
            + " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS'), coalesce(address->>'city', '-'),"
            + " coalesce(address->'geo'->>'lat', '-'), coalesce(tags->>0, '-'), coalesce(note, '-'))"
            + " FROM %s.orders ORDER BY _id";

    static ArusServer server;
    static MongoServer mongo;
    static MongoClient client;
    static int port;

    @BeforeAll
    static void setUp() throws Exception {
        server = ArusServer.await();
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        port = mongo.getLocalAddress().getPort();
        client = MongoClients.create("mongodb://127.0.0.1:" + port);
    }

    @AfterAll
    static void tearDown() {
        client.close();
        mongo.shutdownNow();
    }

    @Test
    void tenThousandDocumentsArriveInPostgresThenAnIncrementalRunBringsTheUpdates() throws Exception {
        String database = "shop_" + shortId();
        MongoCollection<Document> orders = tenThousandOrders(database);
        String source = mongoSource(database);
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql",
                DatabasePipelineTest.pgConfig());
        String target = "mongo_dst_" + shortId();
        String pipeline = pipeline(source, destination, database + ".orders", target);

        JsonNode first = run(pipeline);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.path("streams").get(0).path("rows_written").asLong()).isEqualTo(10_000);
        assertThat(first.path("streams").get(0).path("checks").toString()).contains("source 10000 rows, destination 10000");
        assertThat(pgRows(target)).containsExactlyElementsOf(expectedRows(orders));
        assertThat(Sql.postgres("arus_test", "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                + target + "' AND table_name = 'orders' AND column_name IN ('qty', 'created_at', 'price') ORDER BY column_name"))
                .as("created_at, price, qty").isEqualTo("timestamp with time zone\nnumeric\ntext");

        renameEveryTwentiethAndAddThreeHundred(orders);
        JsonNode second = run(pipeline);
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
        assertThat(second.path("streams").get(0).path("rows_read").asLong()).as("only what changed")
                .isEqualTo(500 + 300);
        assertThat(pgRows(target)).hasSize(10_300).containsExactlyElementsOf(expectedRows(orders));
        Sql.postgres("arus_test", "DROP SCHEMA " + target + " CASCADE");
    }

    @Test
    void tenThousandDocumentsArriveInClickHouseThenAnIncrementalRunBringsTheUpdates() throws Exception {
        String database = "shop_" + shortId();
        MongoCollection<Document> orders = tenThousandOrders(database);
        String source = mongoSource(database);
        String destination = DatabasePipelineTest.create("/api/destinations", "clickhouse", ClickHouseTest.clickhouseConfig());
        String target = "mongo_ch_" + shortId();
        String pipeline = pipeline(source, destination, database + ".orders", target);

        JsonNode first = run(pipeline);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "`.`orders` FINAL")).isEqualTo("10000");
        assertThat(clickhouseRows(target)).containsExactlyElementsOf(expectedRows(orders, SECONDS));

        renameEveryTwentiethAndAddThreeHundred(orders);
        JsonNode second = run(pipeline);
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
        assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "`.`orders` FINAL")).isEqualTo("10300");
        assertThat(clickhouseRows(target)).containsExactlyElementsOf(expectedRows(orders, SECONDS));
    }

    private static final Instant BASE = Instant.parse("2024-04-01T08:00:00Z");

    /** @return a new collection {@code orders} in {@code database} with documents 1 to 10,000 */
    private static MongoCollection<Document> tenThousandOrders(String database) {
        MongoCollection<Document> orders = client.getDatabase(database).getCollection("orders");
        List<Document> documents = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            documents.add(order(i, BASE));
        }
        orders.insertMany(documents);
        return orders;
    }

    private static String mongoSource(String database) throws Exception {
        return DatabasePipelineTest.create("/api/sources", "mongodb", Map.of("host", "127.0.0.1", "port", port,
                "database", database));
    }

    /** Renames (and touches) every 20th document, 500 in all, and adds documents 10,001 to 10,300. */
    private static void renameEveryTwentiethAndAddThreeHundred(MongoCollection<Document> orders) {
        Instant later = Instant.now();
        orders.updateMany(Filters.mod("seq", 20, 0), Updates.combine(Updates.set("name", "renamed"),
                Updates.set("updated_at", Date.from(later))));
        List<Document> added = new ArrayList<>();
        for (int i = 10_001; i <= 10_300; i++) {
            added.add(order(i, BASE).append("updated_at", Date.from(later)));
        }
        orders.insertMany(added);
    }

    /** ClickHouse 18.16 has DateTime only (seconds); JSON columns are text read with its visitParam functions. */
    private static List<String> clickhouseRows(String target) throws Exception {
        return List.of(Sql.clickhouse("SELECT concat(_id, '|', name, '|', ifNull(qty, '-'), '|', toString(price), '|',"
                + " formatDateTime(created_at, '%Y-%m-%dT%H:%M:%S', 'UTC'), '|', visitParamExtractString(address, 'city'), '|',"
                + " toString(visitParamExtractInt(address, 'lat')), '|', replaceRegexpOne(tags, '^\\\\[\"([^\"]*)\".*$', '\\\\1'), '|',"
                + " ifNull(note, '-')) FROM `" + target + "`.`orders` FINAL WHERE _arus_deleted = 0 ORDER BY _id").split("\n"));
    }

    /** A document of every kind the issue names; the shape varies with {@code i}. */
    static Document order(int i, Instant base) {
        Document order = new Document("_id", new ObjectId(Date.from(base.plusSeconds(i)), i))
                .append("seq", i)
                .append("name", "order " + i + " ✓")
                // a field whose type changes: an int in most documents, a string in every 7th
                .append("qty", i % 7 == 0 ? (Object) ("n/a " + i) : (Object) (i % 50))
                .append("price", new Decimal128(new BigDecimal(i % 1000 + ".25")))
                .append("created_at", Date.from(base.plusMillis(i * 1_001L)))
                .append("updated_at", Date.from(base.plusSeconds(i)))
                .append("address", new Document("city", "City " + (i % 13)).append("geo",
                        new Document("lat", 40 + i % 10).append("lon", -3.5)))
                .append("tags", List.of("t" + (i % 5), "x"));
        if (i % 10 != 0) {
            order.append("note", "note " + i);
        }
        return order;
    }

    static List<String> expectedRows(MongoCollection<Document> orders) {
        return expectedRows(orders, MILLIS);
    }

    static List<String> expectedRows(MongoCollection<Document> orders, DateTimeFormatter times) {
        List<String> rows = new ArrayList<>();
        for (Document d : orders.find().sort(Sorts.ascending("_id"))) {
            Document address = d.get("address", Document.class);
            rows.add(String.join("|", d.getObjectId("_id").toHexString(), d.getString("name"), String.valueOf(d.get("qty")),
                    d.get("price", Decimal128.class).bigDecimalValue().toPlainString(),
                    times.format(d.getDate("created_at").toInstant()), address.getString("city"),
                    String.valueOf(address.get("geo", Document.class).get("lat")),
                    d.getList("tags", String.class).get(0), d.getString("note") == null ? "-" : d.getString("note")));
        }
        return rows;
    }

    private static List<String> pgRows(String target) throws Exception {
        return List.of(Sql.postgres("arus_test", String.format(PG_ROWS, target)).split("\n"));
    }

    static String pipeline(String source, String destination, String stream, String target) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "mongo-" + shortId());
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("batch_size", 1000);
        body.put("streams", List.of(Map.of("name", stream, "sync_mode", "incremental")));
        HttpResponse<String> response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body),
                server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ArusServer.JSON.readTree(response.body()).path("id").asText();
    }

    static JsonNode run(String pipeline) throws Exception {
        return server.runToEnd(pipeline);
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

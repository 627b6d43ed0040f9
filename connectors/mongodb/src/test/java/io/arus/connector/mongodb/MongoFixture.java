package io.arus.connector.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.arus.api.config.ConfigException;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.RecordBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;

/**
 * An in-process MongoDB (mongo-java-server, real wire protocol, on a free loopback port) for a test class, and a
 * database of its own for each test. Tests talk to it through the real driver, as the connector does.
 */
final class MongoFixture implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoServer server;
    private final MongoClient client;
    private final String uri;

    MongoFixture() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        client = MongoClients.create(uri);
    }

    /** @return a new, empty database name */
    String newDatabase() {
        return "test_" + DATABASES.incrementAndGet();
    }

    /** @return the server's address as a URI without a database */
    String uri() {
        return uri;
    }

    /** @return the server's port */
    int port() {
        return server.getLocalAddress().getPort();
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    MongoCollection<BsonDocument> collection(String database, String name) {
        return client.getDatabase(database).getCollection(name, BsonDocument.class);
    }

    /**
     * @param database the database to read
     * @param extra    more configuration values (sample_size, flatten...)
     * @return a session of the connector under test
     */
    ConnectorSession session(String database, Map<String, Object> extra) throws ConfigException {
        Map<String, Object> values = new HashMap<>(extra);
        values.put(MongoSettings.HOST, "127.0.0.1");
        values.put(MongoSettings.PORT, port());
        values.put(MongoSettings.DATABASE, database);
        return new MongoConnector().open(MongoSettings.SPEC.resolve(values));
    }

    ConnectorSession session(String database) throws ConfigException {
        return session(database, Map.of());
    }

    /** @return every batch a reader gives until it is exhausted */
    static List<RecordBatch> readAll(StreamReader reader) throws ConnectorException {
        List<RecordBatch> batches = new ArrayList<>();
        try (reader) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                batches.add(batch);
            }
        }
        return batches;
    }

    /** @return every batch of one read of a stream */
    static List<RecordBatch> readAll(ConnectorSession session, ReadRequest request) throws ConnectorException {
        return readAll(session.openReader(request, Split.WHOLE, new TestContext(request.stream())));
    }

    /** @return the rows of the batches, in order */
    static List<Object[]> rows(List<RecordBatch> batches) {
        List<Object[]> rows = new ArrayList<>();
        batches.forEach(batch -> rows.addAll(batch.rows()));
        return rows;
    }

    static StreamId stream(String database, String collection) {
        return new StreamId(database, collection);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}

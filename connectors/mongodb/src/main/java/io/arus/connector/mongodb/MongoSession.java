package io.arus.connector.mongodb;

import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import io.arus.api.connector.StreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.Document;

/**
 * A session on one MongoDB database: its collections are the streams. The driver's client (a connection pool,
 * thread-safe) is made on first use. The columns discovery infers for a collection are kept and used by the
 * readers this session opens, so rows follow the schema the engine prepared the destination with; a reader on a
 * collection not discovered in this session samples it first.
 */
final class MongoSession implements ConnectorSession {
    private static final Set<String> READABLE_TYPES = Set.of("collection", "timeseries");

    private final MongoSettings settings;
    private final Map<StreamId, CollectionLayout> layouts = new ConcurrentHashMap<>();
    private final Set<CollectionReader> readers = ConcurrentHashMap.newKeySet();
    private MongoClient client;
    private boolean closed;

    MongoSession(MongoSettings settings) {
        this.settings = settings;
    }

    @Override
    public CheckResult check() {
        try {
            MongoDatabase database = database();
            database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
            Object version = database.runCommand(new BsonDocument("buildInfo", new BsonInt32(1))).get("version");
            int collections = collections(database).size();
            return CheckResult.ok("MongoDB " + version + ", database " + settings.database() + ": " + collections
                    + " collection(s)");
        } catch (MongoSecurityException e) {
            return CheckResult.failed("MongoDB at " + settings.address() + " refused the credentials (check user, "
                    + "password and authentication database): " + e.getMessage());
        } catch (MongoTimeoutException e) {
            return CheckResult.failed("no MongoDB server answered at " + settings.address() + " (check host, port, "
                    + "firewall and TLS options): " + e.getMessage());
        } catch (MongoException e) {
            return CheckResult.failed("MongoDB at " + settings.address() + ": " + e.getMessage());
        } catch (ConnectorException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public List<StreamDescriptor> discover() throws ConnectorException {
        try {
            MongoDatabase database = database();
            List<StreamDescriptor> streams = new ArrayList<>();
            for (String name : collections(database)) {
                MongoCollection<BsonDocument> collection = database.getCollection(name, BsonDocument.class);
                StreamId id = new StreamId(settings.database(), name);
                long estimate = estimate(collection);
                CollectionLayout layout = DocumentSample.infer(collection, estimate, settings.sampleSize(), settings.flatten());
                layouts.put(id, layout);
                streams.add(new StreamDescriptor(id, layout.schema(), List.of(SchemaInference.ID),
                        CursorCandidates.of(layout.schema()), estimate));
            }
            return streams;
        } catch (MongoException e) {
            throw MongoFailures.wrap("discovering the collections of " + settings.database(), e);
        }
    }

    @Override
    public StreamReader openReader(ReadRequest request, Split split, StreamContext context) throws ConnectorException {
        if (!split.bounds().isEmpty()) {
            throw new ConnectorException(Kind.UNSUPPORTED, request.stream() + ": this connector reads whole collections");
        }
        try {
            CollectionLayout layout = layout(request.stream());
            MongoDatabase database = database();
            MongoCollection<BsonDocument> collection = database.getCollection(request.stream().name(), BsonDocument.class);
            ReadStart start = ReadStart.of(database, collection, layout, request);
            context.log(System.Logger.Level.INFO, request.stream() + ": " + start.describe());
            CollectionReader[] self = new CollectionReader[1];
            self[0] = new CollectionReader(collection, layout.select(request.columns()), start, request.batchSize(),
                    request.batchBytes(), context,
                    () -> readers.remove(self[0]));
            readers.add(self[0]);
            return self[0];
        } catch (MongoException e) {
            throw MongoFailures.wrap("opening " + request.stream(), e);
        }
    }

    @Override
    public StreamProfile profile(StreamId stream, List<String> keyColumns, List<String> nullColumns, String excludeWhereSet)
            throws ConnectorException {
        try {
            MongoCollection<BsonDocument> collection = database().getCollection(stream.name(), BsonDocument.class);
            return CollectionProfiler.profile(collection, layout(stream), keyColumns, nullColumns, excludeWhereSet);
        } catch (MongoException e) {
            throw MongoFailures.wrap("counting " + stream, e);
        }
    }

    /** @return the discovered columns of a collection, sampling it when this session has not discovered it */
    private CollectionLayout layout(StreamId stream) throws ConnectorException {
        CollectionLayout known = layouts.get(stream);
        if (known != null) {
            return known;
        }
        MongoDatabase database = database();
        if (!settings.database().equals(stream.namespace()) && !stream.namespace().isEmpty()) {
            throw new ConnectorException(Kind.CONFIGURATION, "stream " + stream + " is not in database "
                    + settings.database() + ", the one this connection reads");
        }
        if (!collections(database).contains(stream.name())) {
            throw new ConnectorException(Kind.SCHEMA, "collection " + stream.name() + " does not exist in "
                    + settings.database());
        }
        MongoCollection<BsonDocument> collection = database.getCollection(stream.name(), BsonDocument.class);
        CollectionLayout layout = DocumentSample.infer(collection, estimate(collection), settings.sampleSize(),
                settings.flatten());
        layouts.put(stream, layout);
        return layout;
    }

    /** @return the collections to offer as streams, by name: no views (they may lack _id), no system collections */
    private static List<String> collections(MongoDatabase database) {
        List<String> names = new ArrayList<>();
        for (Document info : database.listCollections()) {
            String name = info.getString("name");
            String type = info.getString("type"); // servers before 3.4 list collections only, without a type
            if (name != null && !name.startsWith("system.") && (type == null || READABLE_TYPES.contains(type))) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private static long estimate(MongoCollection<BsonDocument> collection) {
        try {
            return collection.estimatedDocumentCount();
        } catch (MongoException e) {
            return -1; // e.g. a time-series collection on a server that cannot estimate it
        }
    }

    private synchronized MongoDatabase database() throws ConnectorException {
        if (closed) {
            throw new ConnectorException(Kind.INTERNAL, "the MongoDB session is closed");
        }
        if (client == null) {
            client = MongoClients.create(settings.client());
        }
        return client.getDatabase(settings.database());
    }

    @Override
    public void close() {
        for (CollectionReader reader : List.copyOf(readers)) {
            reader.close();
        }
        MongoClient open;
        synchronized (this) {
            closed = true;
            open = client;
            client = null;
        }
        if (open != null) {
            open.close();
        }
    }
}

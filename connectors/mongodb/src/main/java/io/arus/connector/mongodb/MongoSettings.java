package io.arus.connector.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ServerAddress;
import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where and as whom to connect, read from a validated {@link Config}: either a connection URI, or host, port and
 * credentials; plus the database and the schema sampling options. {@link #toString()} never shows a secret.
 */
final class MongoSettings {
    static final String URI = "uri";
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String DATABASE = "database";
    static final String AUTH_SOURCE = "auth_source";
    static final String SAMPLE_SIZE = "sample_size";
    static final String FLATTEN = "flatten";

    static final int DEFAULT_PORT = 27017;
    static final int DEFAULT_SAMPLE_SIZE = 1000;
    /** How long to look for a server before a check or a read fails, unless the URI says otherwise. */
    private static final int SERVER_SELECTION_SECONDS = 10;
    /** Database names may not hold these (MongoDB's rule for every platform) and must be shorter than 64 bytes. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[^/\\\\. \"$*<>:|?]{1,63}");

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder(URI, FieldType.SECRET).label("Connection URI").bindsSecrets()
                    .help("mongodb:// or mongodb+srv:// URI with credentials and options, e.g. "
                            + "mongodb://user:password@host:27017/shop?authSource=admin. Replaces host, port, user and "
                            + "password.").build(),
            ConfigField.builder(HOST, FieldType.HOST).label("Host")
                    .help("Host name or IP address of the MongoDB server, when no URI is given.").build(),
            ConfigField.builder(PORT, FieldType.PORT).label("Port").defaultValue(DEFAULT_PORT).build(),
            ConfigField.builder(USERNAME, FieldType.STRING).label("User").build(),
            ConfigField.builder(PASSWORD, FieldType.SECRET).label("Password").build(),
            ConfigField.builder(DATABASE, FieldType.STRING).label("Database")
                    .help("The database whose collections are read; may instead be the path of the URI.").build(),
            ConfigField.builder(AUTH_SOURCE, FieldType.STRING).label("Authentication database").defaultValue("admin")
                    .help("The database that holds the user.").build(),
            ConfigField.builder(SAMPLE_SIZE, FieldType.INT).label("Sample size").defaultValue(DEFAULT_SAMPLE_SIZE)
                    .range(1, 1_000_000)
                    .help("How many documents per collection discovery reads to infer the columns and their types.")
                    .build(),
            ConfigField.builder(FLATTEN, FieldType.BOOLEAN).label("Flatten nested documents").defaultValue(false)
                    .help("Make a column parent_child for every field of a nested document instead of one json column."
                            + " Arrays stay json.").build());

    private final MongoClientSettings client;
    private final String database;
    private final String address;
    private final int sampleSize;
    private final boolean flatten;

    private MongoSettings(MongoClientSettings client, String database, String address, int sampleSize, boolean flatten) {
        this.client = client;
        this.database = database;
        this.address = address;
        this.sampleSize = sampleSize;
        this.flatten = flatten;
    }

    /**
     * @param config a configuration validated against {@link #SPEC}
     * @return the settings
     * @throws ConfigException naming each field that is missing or does not fit with the others
     */
    static MongoSettings from(Config config) throws ConfigException {
        List<ConfigViolation> problems = new ArrayList<>();
        MongoClientSettings.Builder client = MongoClientSettings.builder().applicationName("arus");
        String database = config.string(DATABASE);
        String address = null;
        String uri = config.string(URI);
        if (uri != null) {
            for (String field : List.of(HOST, USERNAME, PASSWORD)) {
                if (config.has(field)) {
                    problems.add(new ConfigViolation(field, "must be empty when a connection URI is given (the URI names "
                            + "hosts and credentials)"));
                }
            }
            ConnectionString connection = parse(uri, problems);
            if (connection != null) {
                client.applyConnectionString(connection);
                database = database != null ? database : connection.getDatabase();
                address = String.join(",", connection.getHosts());
                if (connection.getServerSelectionTimeout() == null) {
                    client.applyToClusterSettings(c -> c.serverSelectionTimeout(SERVER_SELECTION_SECONDS, TimeUnit.SECONDS));
                }
            }
        } else if (!config.has(HOST)) {
            problems.add(new ConfigViolation(HOST, "is required unless a connection URI is given"));
        } else {
            ServerAddress server = new ServerAddress(unbracketed(config.string(HOST)), config.integer(PORT, DEFAULT_PORT));
            address = server.toString();
            client.applyToClusterSettings(c -> c.hosts(List.of(server))
                    .serverSelectionTimeout(SERVER_SELECTION_SECONDS, TimeUnit.SECONDS));
            if (config.has(USERNAME)) {
                client.credential(MongoCredential.createCredential(config.string(USERNAME),
                        config.string(AUTH_SOURCE, "admin"), config.string(PASSWORD, "").toCharArray()));
            } else if (config.has(PASSWORD)) {
                problems.add(new ConfigViolation(USERNAME, "is required when a password is given"));
            }
        }
        if (database == null || database.isBlank()) {
            problems.add(new ConfigViolation(DATABASE, "is required: set it, or name the database in the URI path "
                    + "(mongodb://host:27017/shop)"));
        } else if (!DATABASE_NAME.matcher(database).matches()) {
            problems.add(new ConfigViolation(DATABASE, "is not a MongoDB database name (1 to 63 characters, none of "
                    + "/\\. \"$*<>:|?)"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new MongoSettings(client.build(), database, address, config.integer(SAMPLE_SIZE, DEFAULT_SAMPLE_SIZE),
                config.bool(FLATTEN, false));
    }

    private static ConnectionString parse(String uri, List<ConfigViolation> problems) {
        try {
            return new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigViolation(URI, "is not a MongoDB connection string: " + scrubbed(e.getMessage(), uri)));
            return null;
        }
    }

    /** The driver's message, with the URI and its user information cut out in case the driver quoted them. */
    private static String scrubbed(String message, String uri) {
        String text = message == null ? "" : message.replace(uri, "<uri>");
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (scheme >= 0 && at > scheme + 3) {
            text = text.replace(uri.substring(scheme + 3, at), Config.MASK);
        }
        return text;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** @return the driver settings, credentials included */
    MongoClientSettings client() {
        return client;
    }

    /** @return the database whose collections are the streams */
    String database() {
        return database;
    }

    /** @return the host(s) and port(s), for messages */
    String address() {
        return address;
    }

    /** @return how many documents discovery samples per collection */
    int sampleSize() {
        return sampleSize;
    }

    /** @return whether nested documents become {@code parent_child} columns */
    boolean flatten() {
        return flatten;
    }

    @Override
    public String toString() {
        return "MongoSettings[" + address + "/" + database + ", sample " + sampleSize + ", flatten " + flatten + "]";
    }
}

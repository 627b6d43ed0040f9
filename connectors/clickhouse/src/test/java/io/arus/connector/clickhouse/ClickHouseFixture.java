package io.arus.connector.clickhouse;

import io.arus.api.config.Config;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test ClickHouse (127.0.0.1:8123, user default, no password; scripts/test-services.sh) and a database of its
 * own per test class, dropped at the end. Results are checked over plain HTTP with java.net.http, behind the
 * connector's back. A missing server fails the tests: nothing here skips.
 * <p>
 * A test class registers it as {@code @RegisterExtension static final ClickHouseFixture db = new ClickHouseFixture();}:
 * the database is created before the class's first test, and dropped, with the session of {@link #session()}
 * closed, after its last; {@link #created()} is for a test that closes the fixture itself.
 */
final class ClickHouseFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    static final String HOST = "127.0.0.1";
    static final int PORT = 8123;

    /** The database this fixture created. */
    final String database = "arus_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerVersion version;
    private ConnectorSession session;

    /** @return a fixture whose database exists */
    static ClickHouseFixture created() throws Exception {
        ClickHouseFixture fixture = new ClickHouseFixture();
        fixture.create();
        return fixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        create();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    private void create() throws Exception {
        try {
            version = ServerVersion.parse(strings("SELECT version()").get(0));
        } catch (IOException e) {
            throw new IllegalStateException("the test ClickHouse does not answer at http://" + HOST + ":" + PORT
                    + "/; run scripts/test-services.sh", e);
        }
        sql("CREATE DATABASE " + database);
    }

    ServerVersion version() {
        return version;
    }

    /** Runs one statement. */
    void sql(String statement) throws Exception {
        post(statement);
    }

    /** Runs a query and returns its rows as tab-separated lines (ClickHouse's escaping kept). */
    List<String> strings(String query) throws Exception {
        String body = post(query + "\nFORMAT TabSeparated");
        return body.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(body.split("\n")));
    }

    /** Runs a query and returns its rows, unescaped, NULL as null. */
    List<String[]> rows(String query) throws Exception {
        return TabSeparated.parse(post(query + "\nFORMAT TabSeparated").getBytes(StandardCharsets.UTF_8));
    }

    /** Runs a query for one number. */
    long number(String query) throws Exception {
        return Long.parseLong(strings(query).get(0));
    }

    /** The value of a server-wide counter in system.events, 0 before it first moved. */
    long event(String name) throws Exception {
        List<String> rows = strings("SELECT value FROM system.events WHERE event = '" + name + "'");
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0));
    }

    /** Waits until no mutation of a table is pending (ALTER ... DELETE runs in the background). */
    void awaitMutations(String table) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (number("SELECT count() FROM system.mutations WHERE database = '" + database + "' AND table = '" + table
                + "' AND is_done = 0") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("mutations on " + table + " still running after 30 s");
            }
            Thread.sleep(100);
        }
    }

    private String post(String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + PORT + "/"))
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse refused " + sql + ": " + response.body());
        }
        return response.body();
    }

    StreamId table(String name) {
        return new StreamId(database, name);
    }

    /** The qualified SQL name of a table in this fixture's database. */
    String q(String table) {
        return "`" + database + "`.`" + table + "`";
    }

    Config config(Map<String, Object> overrides) throws Exception {
        Map<String, Object> values = new HashMap<>(Map.of("host", HOST, "port", PORT, "database", database));
        values.putAll(overrides);
        return ClickHouseSettings.SPEC.resolve(values);
    }

    ConnectorSession open(Map<String, Object> overrides) throws Exception {
        return new ClickHouseConnector().open(config(overrides));
    }

    ConnectorSession open() throws Exception {
        return open(Map.of());
    }

    /** @return a session on this fixture's database, opened on first use and closed with the fixture */
    synchronized ConnectorSession session() throws Exception {
        if (session == null) {
            session = open();
        }
        return session;
    }

    @Override
    public synchronized void close() throws Exception {
        try {
            if (session != null) {
                session.close();
                session = null;
            }
        } finally {
            sql("DROP DATABASE IF EXISTS " + database);
        }
    }

    /** A context for one stream of a test run that is never stopped and keeps its log lines. */
    static final class Context implements StreamContext {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final StreamId stream;

        Context(StreamId stream) {
            this.stream = stream;
        }

        @Override
        public String runId() {
            return "test-run";
        }

        @Override
        public StreamId stream() {
            return stream;
        }

        @Override
        public boolean isStopped() {
            return false;
        }

        @Override
        public void log(System.Logger.Level level, String message) {
            lines.add(message);
            System.out.println("[" + level + "] " + message);
        }
    }
}

package io.arus.connector.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.enums.Protocol;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import io.arus.api.connector.ConnectorException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One ClickHouse server over its HTTP interface, through the ClickHouse Java client (client-v2). Shared by the
 * writers of a session: the client keeps a small connection pool and is thread-safe.
 * <p>
 * Two settings make the client work with old servers too (STACK.md): HTTP compression is off (ClickHouse 18.16
 * answers compressed requests with an empty 200), and every query names {@code FORMAT TabSeparated} and is parsed
 * here, because the client's typed readers rely on formats old servers lack.
 */
final class ClickHouseServer implements AutoCloseable {
    private static final long ANSWER_MINUTES = 30;

    private final ClickHouseSettings settings;
    private Client client;
    private volatile ServerVersion version;

    ClickHouseServer(ClickHouseSettings settings) {
        this.settings = settings;
    }

    ClickHouseSettings settings() {
        return settings;
    }

    /** @return the server's version, asked once */
    ServerVersion version() throws ConnectorException {
        ServerVersion known = version;
        if (known == null) {
            known = ServerVersion.parse(TabSeparated.single(select("SELECT version()", "asking the server version")));
            version = known;
        }
        return known;
    }

    /**
     * Runs a statement that returns nothing (DDL, ALTER).
     *
     * @param sql  the statement
     * @param what what it does, for the error message
     */
    void execute(String sql, String what) throws ConnectorException {
        try (CommandResponse ignored = client().execute(sql).get(ANSWER_MINUTES, TimeUnit.MINUTES)) {
            // the answer has no body
        } catch (Exception e) {
            throw ServerFailures.wrap(what, e, settings);
        }
    }

    /**
     * Runs a query and reads its answer as text.
     *
     * @param sql  a SELECT without a FORMAT clause
     * @param what what it asks, for the error message
     * @return the rows, each field as text ({@code null} for NULL)
     */
    List<String[]> query(String sql, String what) throws ConnectorException {
        return TabSeparated.parse(select(sql, what));
    }

    private byte[] select(String sql, String what) throws ConnectorException {
        try (QueryResponse response = client().query(sql + "\nFORMAT TabSeparated").get(ANSWER_MINUTES, TimeUnit.MINUTES)) {
            return response.getInputStream().readAllBytes();
        } catch (Exception e) {
            throw ServerFailures.wrap(what, e, settings);
        }
    }

    /**
     * Inserts one RowBinary block: a single INSERT statement streaming the buffer.
     *
     * @param table   the qualified, quoted table name
     * @param columns the quoted column names, in the order the rows hold them
     * @param rows    the encoded rows
     */
    void insert(String table, List<String> columns, RowBinaryOutput rows) throws ConnectorException {
        InsertSettings insert = new InsertSettings().compressClientRequest(false);
        try (InsertResponse ignored = client().insert(table, columns, rows::writeTo, ClickHouseFormat.RowBinary, insert)
                .get(ANSWER_MINUTES, TimeUnit.MINUTES)) {
            // nothing to read: the statement either inserted the whole block or failed
        } catch (Exception e) {
            throw ServerFailures.wrap("inserting into " + table, e, settings);
        }
    }

    /** Builds the client on first use, so that opening a session stays cheap and never fails on the network. */
    private synchronized Client client() {
        if (client == null) {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            // inside OSGi, the embedded client must see its own jars whatever the calling thread's loader is
            thread.setContextClassLoader(ClickHouseServer.class.getClassLoader());
            try {
                client = new Client.Builder()
                        .addEndpoint(Protocol.HTTP, settings.host(), settings.port(), settings.tls())
                        .setUsername(settings.username())
                        .setPassword(settings.password())
                        .compressServerResponse(false)
                        .compressClientRequest(false)
                        .useHttpCompression(false)
                        .setConnectTimeout(10, ChronoUnit.SECONDS)
                        .setSocketTimeout(ANSWER_MINUTES, ChronoUnit.MINUTES)
                        // below the server's keep_alive_timeout (3 s on old servers): no stale pooled connections
                        .setKeepAliveTimeout(2, ChronoUnit.SECONDS)
                        .setClientName("arus")
                        .build();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}

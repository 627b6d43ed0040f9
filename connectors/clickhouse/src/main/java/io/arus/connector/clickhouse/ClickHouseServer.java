package io.arus.connector.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.enums.Protocol;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import io.arus.api.connector.ConnectorException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One ClickHouse server over its HTTP interface. Shared by the writers of a session; thread-safe.
 * <p>
 * Inserts stream Native blocks or RowBinary rows through the ClickHouse Java client (client-v2), with HTTP compression off (ClickHouse
 * 18.16 answers compressed requests with an empty 200; STACK.md). Statements and queries are plain HTTP POSTs
 * through {@code java.net.http}, read here: every query names {@code FORMAT TabSeparated}, because the client's
 * typed readers rely on formats old servers lack, and a refusal is read from the answer's body, because servers
 * before 19.x send no error-code header and the client then reports only the HTTP status (issue 12 item 14).
 */
final class ClickHouseServer implements AutoCloseable {
    private static final long ANSWER_MINUTES = 30;

    private final ClickHouseSettings settings;
    private final URI endpoint;
    private final HttpClient http;
    private Client client;
    private volatile ServerVersion version;

    ClickHouseServer(ClickHouseSettings settings) {
        this.settings = settings;
        String host = settings.host().contains(":") && !settings.host().startsWith("[") ? "[" + settings.host() + "]"
                : settings.host();
        this.endpoint = URI.create((settings.tls() ? "https://" : "http://") + host + ":" + settings.port() + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
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
        post(sql, what);
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
        return post(sql + "\nFORMAT TabSeparated", what);
    }

    private byte[] post(String sql, String what) throws ConnectorException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(ANSWER_MINUTES))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServerFailures.wrap(what, e, settings);
        } catch (IOException e) {
            throw ServerFailures.wrap(what, e, settings);
        }
        if (response.statusCode() != 200) {
            throw ServerFailures.refused(what, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    settings);
        }
        return response.body();
    }

    /**
     * Inserts encoded rows: a single INSERT statement streaming the buffer.
     *
     * @param table    the qualified, quoted table name
     * @param columns  the quoted column names, in the order the rows hold them
     * @param rows     the encoded rows
     * @param columnar whether they are Native blocks, else RowBinary rows
     */
    void insert(String table, List<String> columns, RowBinaryOutput rows, boolean columnar) throws ConnectorException {
        insert(table, columns, rows::writeTo, columnar);
    }

    /**
     * Inserts rows as the body writer produces them: a single INSERT statement, answered once the body ends.
     *
     * @param table    the qualified, quoted table name
     * @param columns  the quoted column names, in the order the rows hold them
     * @param body     writes the encoded rows into the request
     * @param columnar whether they are Native blocks, else RowBinary rows
     */
    void insert(String table, List<String> columns, DataStreamWriter body, boolean columnar) throws ConnectorException {
        InsertSettings insert = new InsertSettings().compressClientRequest(false);
        ClickHouseFormat format = columnar ? ClickHouseFormat.Native : ClickHouseFormat.RowBinary;
        try (InsertResponse ignored = client().insert(table, columns, body, format, insert)
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

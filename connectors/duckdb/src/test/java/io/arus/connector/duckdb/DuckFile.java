package io.arus.connector.duckdb;

import io.arus.api.config.Config;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.RecordBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A database file in a folder of its own, a connector whose data folder that is, one session on the file, and a
 * plain JDBC connection for checking behind the connector's back. The plain connection opens the file with the
 * connector's own options, so the driver gives it the same in-process instance (a second instance of one file in
 * one process would not see the first one's writes).
 */
final class DuckFile implements AutoCloseable {
    final Path dir;
    final DuckDbConnector connector;
    final ConnectorSession session;
    final Connection admin;

    DuckFile() throws Exception {
        dir = Files.createTempDirectory("arus-duckdb-test");
        connector = new DuckDbConnector(dir);
        session = connector.open(config(Map.of()));
        session.check();
        admin = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("test.duckdb"), DatabaseFile.options());
    }

    Config config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(Map.of("path", "test.duckdb"));
        values.putAll(overrides);
        return Config.of(DuckDbSettings.SPEC, values);
    }

    void sql(String... statements) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    List<Object[]> read(ReadRequest request) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (StreamReader reader = session.openReader(request, Split.WHOLE, context(request.stream()))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                rows.addAll(batch.rows());
            }
        }
        return rows;
    }

    static StreamContext context(StreamId stream) {
        return new StreamContext() {
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
                System.out.println("[" + level + "] " + message);
            }
        };
    }

    @Override
    public void close() throws Exception {
        session.close();
        admin.close();
        connector.files().closeAll();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}

package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.api.config.Config;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Sakila in PostgreSQL (loaded into MariaDB as SakilaTest does, then synced to a PostgreSQL schema of its own) synced
 * to a DuckDB file in the server's data folder through the REST API: every table equal by a checksum over typed
 * values computed in Java on both sides, again after an incremental upsert run that changed and added rows, and after
 * a replace run that dropped rows; then DuckDB as the source of a sync back to PostgreSQL.
 * <p>
 * The DuckDB side is read through the server's own DuckDB connector service (the same shared instance of the file
 * the runs wrote, so no second instance opens the file in this process); its reading of each native type is proven
 * against SQL literals by the connector's own type-mapping test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuckDbTest {
    private static final String DUCK_SCHEMA = "sakila";

    private static String source;
    private static String pgDestination;
    private static String duckDestination;
    private static String duckSource;
    private static String pgSchema;
    private static Path duckFile;

    @BeforeAll
    static void sakilaInPostgres() throws Exception {
        SakilaTest.loadSakila();
        ArusServer server = ArusServer.await();
        String id = UUID.randomUUID().toString().substring(0, 8);
        pgSchema = "sakila_duck_" + id;
        duckFile = Path.of(context().getProperty("arus.data.dir")).resolve("duckdb-" + id + ".duckdb");
        String mariadb = DatabasePipelineTest.create("/api/sources", "mariadb", new LinkedHashMap<>(Map.of("host",
                "127.0.0.1", "port", 3306, "database", "sakila", "username", "arus", "password", "arus")));
        pgDestination = DatabasePipelineTest.create("/api/destinations", "postgresql", postgresConfig());
        JsonNode run = server.runToEnd(pipeline(server, mariadb, pgDestination, pgSchema, "sakila",
                SakilaTest.tables, "incremental", null));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");

        source = DatabasePipelineTest.create("/api/sources", "postgresql", postgresConfig());
        // a relative path: the file lands in the server's data folder
        duckDestination = DatabasePipelineTest.create("/api/destinations", "duckdb",
                new LinkedHashMap<>(Map.of("path", duckFile.getFileName().toString())));
        duckSource = DatabasePipelineTest.create("/api/sources", "duckdb",
                new LinkedHashMap<>(Map.of("path", duckFile.toString())));
    }

    @Test
    @Order(1)
    void everySakilaTableArrivesInDuckDbEqualByRowChecksums() throws Exception {
        ArusServer server = ArusServer.await();
        long start = System.nanoTime();
        JsonNode run = server.runToEnd(pipeline(server, source, duckDestination, DUCK_SCHEMA, pgSchema,
                SakilaTest.tables, "incremental", "upsert"));
        System.out.printf("DuckDbTest: Sakila PostgreSQL -> DuckDB, 16 tables in %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("streams")).hasSize(16);
        assertThat(Files.isRegularFile(duckFile)).as(duckFile + " in the data folder").isTrue();
        assertEveryTableEqual();
        Map<String, String> film = duckTypes("film");
        assertThat(film).containsEntry("rental_rate", "DECIMAL(4,2)").containsEntry("film_id", "INTEGER")
                .containsEntry("last_update", "TIMESTAMP WITH TIME ZONE");
        assertThat(duckTypes("payment")).containsEntry("payment_date", "TIMESTAMP").containsEntry("amount", "DECIMAL(5,2)");
        assertThat(duckTypes("staff")).containsEntry("picture", "BLOB").containsEntry("active", "BOOLEAN");
    }

    @Test
    @Order(2)
    void aSecondIncrementalRunUpsertsChangedAndNewRowsWithoutDuplicates() throws Exception {
        postgres("UPDATE " + pgSchema + ".actor SET first_name = 'RENAMED', last_update = now() WHERE actor_id <= 3",
                "INSERT INTO " + pgSchema + ".actor (actor_id, first_name, last_name, last_update)"
                        + " VALUES (9001, 'NEW', 'ACTOR', now())",
                "UPDATE " + pgSchema + ".payment SET amount = amount + 1, last_update = now() WHERE payment_id <= 5");
        ArusServer server = ArusServer.await();
        JsonNode run = server.runToEnd(pipeline(server, source, duckDestination, DUCK_SCHEMA, pgSchema,
                SakilaTest.tables, "incremental", "upsert"));

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertEveryTableEqual();
        List<Object[]> actors = duckRows("actor");
        assertThat(actors).hasSize(201);
        assertThat(actors.stream().map(r -> r[0]).distinct().count()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void aReplaceRunSwapsInTablesWithoutTheRowsTheSourceDeleted() throws Exception {
        postgres("DELETE FROM " + pgSchema + ".payment WHERE payment_id <= 10",
                "DELETE FROM " + pgSchema + ".actor WHERE actor_id = 9001");
        ArusServer server = ArusServer.await();
        JsonNode run = server.runToEnd(pipeline(server, source, duckDestination, DUCK_SCHEMA, pgSchema,
                SakilaTest.tables, "full_refresh", "replace"));

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertEveryTableEqual();
        assertThat(duckRows("payment")).hasSize(Integer.parseInt(Sql.postgres("arus_test",
                "SELECT count(*) FROM " + pgSchema + ".payment")));
        // the swapped-in tables keep their primary keys: discovery still reports them
        assertThat(duckStream("rental").primaryKey()).containsExactly("rental_id");
    }

    @Test
    @Order(4)
    void duckDbAsSourceSyncsBackToPostgresEqualByRowChecksums() throws Exception {
        ArusServer server = ArusServer.await();
        String back = pgSchema + "_back";
        List<String> tables = List.of("payment", "film", "staff", "customer");
        JsonNode run = server.runToEnd(pipeline(server, duckSource, pgDestination, back, DUCK_SCHEMA, tables,
                "incremental", "upsert"));

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        for (String table : tables) {
            Checksum original = postgresChecksum(pgSchema, table);
            assertThat(postgresChecksum(back, table)).as(table).isEqualTo(original);
        }
        assertThat(Sql.postgres("arus_test", "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
                + back + ".payment'::regclass AND attname = 'amount'")).isEqualTo("numeric(5,2)");
    }

    // ------------------------------------------------------------------ checksums

    /** Row count and a SHA-256 over the sorted canonical rows, with the column names in order. */
    record Checksum(List<String> columns, long rows, String sha256) {
    }

    private static void assertEveryTableEqual() throws Exception {
        for (String table : SakilaTest.tables) {
            Checksum expected = postgresChecksum(pgSchema, table);
            assertThat(expected.rows()).as(table).isPositive();
            assertThat(duckChecksum(table)).as(table).isEqualTo(expected);
        }
    }

    private static Checksum postgresChecksum(String schema, String table) throws Exception {
        PGSimpleDataSource data = new PGSimpleDataSource();
        data.setURL("jdbc:postgresql://127.0.0.1:5432/arus_test");
        data.setUser("arus");
        data.setPassword("arus");
        try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + schema + "." + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
            List<String> canonical = new ArrayList<>();
            while (rows.next()) {
                Object[] row = new Object[columns.size()];
                for (int i = 1; i <= row.length; i++) {
                    row[i - 1] = switch (meta.getColumnTypeName(i)) {
                        case "timestamptz" -> rows.getObject(i, OffsetDateTime.class);
                        case "timestamp" -> rows.getObject(i, LocalDateTime.class);
                        case "date" -> rows.getObject(i, LocalDate.class);
                        case "time" -> rows.getObject(i, LocalTime.class);
                        default -> rows.getObject(i);
                    };
                }
                canonical.add(canonical(row));
            }
            return checksum(columns, canonical);
        }
    }

    private static Checksum duckChecksum(String table) throws Exception {
        StreamDescriptor stream = duckStream(table);
        List<String> canonical = new ArrayList<>();
        for (Object[] row : duckRows(table)) {
            canonical.add(canonical(row));
        }
        return checksum(stream.schema().fields().stream().map(Field::name).toList(), canonical);
    }

    private static Checksum checksum(List<String> columns, List<String> rows) throws Exception {
        Collections.sort(rows);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String row : rows) {
            digest.update(row.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return new Checksum(columns, rows.size(), HexFormat.of().formatHex(digest.digest()));
    }

    /** One row as text: each value by its meaning, so that the same value reads the same from either side. */
    private static String canonical(Object[] row) {
        StringBuilder text = new StringBuilder();
        for (Object value : row) {
            text.append(text.length() == 0 ? "" : "\u001f").append(canonical(value));
        }
        return text.toString();
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "\u2205";
        }
        if (value instanceof Short || value instanceof Integer || value instanceof Long || value instanceof BigDecimal) {
            return "n:" + new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Float || value instanceof Double) {
            return "f:" + ((Number) value).doubleValue();
        }
        if (value instanceof OffsetDateTime time) {
            return "i:" + time.toInstant();
        }
        if (value instanceof Instant instant) {
            return "i:" + instant;
        }
        if (value instanceof byte[] bytes) {
            return "b:" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Boolean || value instanceof LocalDateTime || value instanceof LocalDate
                || value instanceof LocalTime || value instanceof String || value instanceof UUID) {
            return value.getClass().getSimpleName().charAt(0) + ":" + value;
        }
        throw new AssertionError("no canonical form for " + value.getClass() + ": " + value);
    }

    // ------------------------------------------------------------------ DuckDB through the server's connector

    private static List<Object[]> duckRows(String table) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        StreamId id = new StreamId(DUCK_SCHEMA, table);
        try (ConnectorSession session = duckSession();
             StreamReader reader = session.openReader(ReadRequest.builder(id).build(), Split.WHOLE, readContext(id))) {
            for (RecordBatch batch = reader.poll(); batch != null; batch = reader.poll()) {
                rows.addAll(batch.rows());
            }
        }
        return rows;
    }

    private static StreamDescriptor duckStream(String table) throws Exception {
        try (ConnectorSession session = duckSession()) {
            return session.discover().stream().filter(s -> s.id().equals(new StreamId(DUCK_SCHEMA, table)))
                    .findFirst().orElseThrow(() -> new AssertionError(table + " is not in " + duckFile));
        }
    }

    private static Map<String, String> duckTypes(String table) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        for (Field field : duckStream(table).schema().fields()) {
            types.put(field.name(), field.nativeType());
        }
        return types;
    }

    private static ConnectorSession duckSession() throws Exception {
        BundleContext context = context();
        ServiceReference<Connector> reference = context.getServiceReferences(Connector.class,
                "(" + Connector.TYPE_PROPERTY + "=duckdb)").stream().findFirst()
                .orElseThrow(() -> new AssertionError("the duckdb connector is not registered"));
        Connector connector = context.getService(reference);
        try {
            return connector.open(Config.of(connector.descriptor().config(), Map.of("path", duckFile.toString())));
        } finally {
            context.ungetService(reference);
        }
    }

    private static StreamContext readContext(StreamId stream) {
        return new StreamContext() {
            @Override
            public String runId() {
                return "duckdb-itest";
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

    // ------------------------------------------------------------------ setup

    private static String pipeline(ArusServer server, String from, String to, String target, String namespace,
                                   List<String> tables, String syncMode, String writeMode) throws Exception {
        List<Map<String, Object>> streams = new ArrayList<>();
        for (String table : tables) {
            Map<String, Object> stream = new LinkedHashMap<>(Map.of("name", namespace + "." + table, "sync_mode", syncMode));
            if (writeMode != null) {
                stream.put("write_mode", writeMode);
            }
            streams.add(stream);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "duckdb-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("source_id", from);
        body.put("destination_id", to);
        body.put("target_namespace", target);
        // streams written in parallel share the one DuckDB file
        body.put("parallelism", 4);
        body.put("streams", streams);
        return server.create("/api/pipelines", body);
    }

    private static Map<String, Object> postgresConfig() {
        return new LinkedHashMap<>(Map.of("host", "127.0.0.1", "port", 5432, "database", "arus_test",
                "username", "arus", "password", "arus"));
    }

    private static void postgres(String... statements) throws Exception {
        for (String sql : statements) {
            Sql.postgres("arus_test", sql);
        }
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(DuckDbTest.class).getBundleContext();
    }
}

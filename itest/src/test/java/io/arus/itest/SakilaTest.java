package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The Sakila sample database (../shared/datasets/sakila, or ARUS_SAKILA_DIR) loaded into MariaDB and synced to
 * PostgreSQL (every base table with the same row count and the same checksum over every comparable column, with
 * sensible types) and to ClickHouse (every table with the same row count).
 */
class SakilaTest {
    static List<String> tables;

    @BeforeAll
    static void loadSakila() throws Exception {
        Path dir = sakilaDir(FrameworkUtil.getBundle(SakilaTest.class).getBundleContext());
        Sql.mariadbFile(dir.resolve("sakila-schema.sql"));
        Sql.mariadbFile(dir.resolve("sakila-data.sql"));
        tables = List.of(Sql.mariadb("sakila", "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'sakila' AND table_type = 'BASE TABLE' ORDER BY table_name").split("\n"));
        assertThat(tables).hasSize(16);
    }

    @Test
    void everySakilaTableArrivesInClickHouseWithEqualCounts() throws Exception {
        ArusServer server = ArusServer.await();
        String source = DatabasePipelineTest.create("/api/sources", "mariadb", new LinkedHashMap<>(Map.of("host", "127.0.0.1",
                "port", 3306, "database", "sakila", "username", "arus", "password", "arus")));
        String destination = DatabasePipelineTest.create("/api/destinations", "clickhouse", ClickHouseTest.clickhouseConfig());
        String target = "sakila_" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode run = server.runToEnd(pipeline(server, source, destination, target));

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("streams")).hasSize(16);
        for (String table : tables) {
            assertThat(Sql.clickhouse("SELECT count() FROM `" + target + "`.`" + table + "` FINAL WHERE _arus_deleted = 0"))
                    .as(table + " count").isEqualTo(Sql.mariadb("sakila", "SELECT count(*) FROM " + table));
        }
        assertThat(Sql.clickhouse("SELECT sum(amount) FROM `" + target + "`.payment FINAL"))
                .isEqualTo(Sql.mariadb("sakila", "SELECT sum(amount) FROM payment"));
    }

    private static String pipeline(ArusServer server, String source, String destination, String target) throws Exception {
        List<Map<String, Object>> streams = new ArrayList<>();
        tables.forEach(t -> streams.add(Map.of("name", "sakila." + t, "sync_mode", "incremental")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", target);
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("parallelism", 2);
        body.put("streams", streams);
        return ArusServer.JSON.readTree(server.send("POST", "/api/pipelines",
                ArusServer.JSON.writeValueAsString(body), server.adminToken()).body()).path("id").asText();
    }

    @Test
    void everySakilaTableArrivesInPostgresWithEqualCountsChecksumsAndSensibleTypes() throws Exception {
        ArusServer server = ArusServer.await();
        String source = DatabasePipelineTest.create("/api/sources", "mariadb", new LinkedHashMap<>(Map.of("host", "127.0.0.1",
                "port", 3306, "database", "sakila", "username", "arus", "password", "arus")));
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql", new LinkedHashMap<>(Map.of(
                "host", "127.0.0.1", "port", 5432, "database", "arus_test", "username", "arus", "password", "arus")));
        String target = "sakila_" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> streams = new ArrayList<>();
        tables.forEach(t -> streams.add(Map.of("name", "sakila." + t, "sync_mode", "incremental")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", target);
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("parallelism", 2);
        body.put("streams", streams);
        String pipeline = ArusServer.JSON.readTree(server.send("POST", "/api/pipelines",
                ArusServer.JSON.writeValueAsString(body), server.adminToken()).body()).path("id").asText();
        String runId = ArusServer.JSON.readTree(server.send("POST", "/api/pipelines/" + pipeline + "/runs", null,
                server.adminToken()).body()).path("run_id").asText();
        JsonNode run = server.awaitMatch("/api/runs/" + runId, Duration.ofSeconds(180),
                r -> List.of("succeeded", "succeeded_with_warnings", "failed", "cancelled", "interrupted").contains(r.path("status").asText()), "Sakila run");

        assertThat(run.path("status").asText()).as(run + server.get("/api/runs/" + runId + "/logs").body()).isEqualTo("succeeded");
        assertThat(run.path("streams")).hasSize(16);
        List<String> skipped = new ArrayList<>();
        for (String table : tables) {
            String count = Sql.mariadb("sakila", "SELECT count(*) FROM " + table);
            assertThat(Sql.postgres("arus_test", "SELECT count(*) FROM " + target + "." + table)).as(table + " count").isEqualTo(count);
            assertThat(checksum(target, table, skipped)).as(table + " checksum").isTrue();
        }
        assertThat(skipped).as("columns without a comparable text form").isEmpty();
        Map<String, String> types = columnTypes(target, "film");
        assertThat(types).containsEntry("rental_rate", "numeric(4,2)").containsEntry("release_year", "smallint")
                .containsEntry("rating", "text").containsEntry("special_features", "text")
                .containsEntry("last_update", "timestamp with time zone").containsEntry("film_id", "integer");
        assertThat(columnTypes(target, "staff")).containsEntry("picture", "bytea").containsEntry("active", "boolean");
        assertThat(columnTypes(target, "payment")).containsEntry("payment_date", "timestamp without time zone");
    }

    /** Compares an md5 over every row, in key order, of each column rendered the same way on both sides. */
    private static boolean checksum(String target, String table, List<String> skipped) throws Exception {
        List<String> key = List.of(Sql.mariadb("sakila", "SELECT column_name FROM information_schema.key_column_usage"
                + " WHERE table_schema = 'sakila' AND table_name = '" + table + "' AND constraint_name = 'PRIMARY'"
                + " ORDER BY ordinal_position").split("\n"));
        List<String> pg = new ArrayList<>();
        List<String> maria = new ArrayList<>();
        for (Map.Entry<String, String> column : columnTypes(target, table).entrySet()) {
            String c = "\"" + column.getKey() + "\"";
            String m = "`" + column.getKey() + "`";
            String type = column.getValue();
            if (type.startsWith("smallint") || type.startsWith("integer") || type.startsWith("bigint")
                    || type.startsWith("numeric") || type.equals("text") || type.startsWith("character")) {
                pg.add(c + "::text");
                maria.add("CAST(" + m + " AS CHAR)");
            } else if (type.equals("boolean")) {
                pg.add("CASE WHEN " + c + " THEN '1' ELSE '0' END");
                maria.add("CAST(" + m + " AS CHAR)");
            } else if (type.equals("timestamp with time zone")) {
                pg.add("to_char(" + c + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')");
                maria.add("DATE_FORMAT(" + m + ", '%Y-%m-%d %H:%i:%s')");
            } else if (type.startsWith("timestamp")) {
                pg.add("to_char(" + c + ", 'YYYY-MM-DD HH24:MI:SS')");
                maria.add("DATE_FORMAT(" + m + ", '%Y-%m-%d %H:%i:%s')");
            } else if (type.equals("date")) {
                pg.add("to_char(" + c + ", 'YYYY-MM-DD')");
                maria.add("DATE_FORMAT(" + m + ", '%Y-%m-%d')");
            } else if (type.equals("bytea")) {
                pg.add("encode(" + c + ", 'hex')");
                maria.add("LOWER(HEX(" + m + "))");
            } else {
                skipped.add(table + "." + column.getKey());
                continue;
            }
        }
        String pgRow = "concat_ws('|', " + String.join(", ", pg.stream().map(e -> "coalesce(" + e + ", '~')").toList()) + ")";
        String mariaRow = "concat_ws('|', " + String.join(", ", maria.stream().map(e -> "coalesce(" + e + ", '~')").toList()) + ")";
        String pgOrder = String.join(", ", key.stream().map(k -> "\"" + k + "\"").toList());
        String mariaOrder = String.join(", ", key.stream().map(k -> "`" + k + "`").toList());
        String left = Sql.postgres("arus_test", "SELECT md5(string_agg(" + pgRow + ", E'\\n' ORDER BY " + pgOrder + ")) FROM "
                + target + "." + table);
        String right = Sql.mariadb("sakila", "SELECT md5(group_concat(" + mariaRow + " ORDER BY " + mariaOrder
                + " SEPARATOR '\\n')) FROM " + table);
        return left.equals(right);
    }

    private static Map<String, String> columnTypes(String schema, String table) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        String rows = Sql.postgres("arus_test", "SELECT column_name, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " JOIN information_schema.columns ON column_name = attname WHERE attrelid = '" + schema + "." + table
                + "'::regclass AND table_schema = '" + schema + "' AND table_name = '" + table + "' AND attnum > 0 ORDER BY attnum");
        for (String line : rows.split("\n")) {
            String[] parts = line.split("\\|", 2);
            types.put(parts[0], parts[1]);
        }
        return types;
    }

    private static Path sakilaDir(BundleContext context) {
        String env = System.getenv("ARUS_SAKILA_DIR");
        Path dir = Path.of(env != null && !env.isBlank() ? env : context.getProperty("arus.itest.sakila.dir"));
        assertThat(Files.isRegularFile(dir.resolve("sakila-schema.sql")))
                .as("the Sakila dataset at " + dir + " (../shared/datasets/sakila or ARUS_SAKILA_DIR)").isTrue();
        return dir;
    }
}

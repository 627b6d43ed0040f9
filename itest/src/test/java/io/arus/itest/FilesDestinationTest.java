package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * PostgreSQL -> Parquet in S3-compatible object storage through the server (connectors/files against the s3proxy of
 * scripts/test-services.sh), 1,000,000 rows partitioned by month(ts): the objects are downloaded through the S3 API
 * (DuckDB's httpfs extension cannot be installed offline) and DuckDB's own Parquet reader (the driver inside the
 * server's DuckDB connector bundle, independent of parquet-java) reads them with Hive partitioning; counts, sums
 * and non-null counts per month equal PostgreSQL's, and the manifest lists exactly the objects present. Upsert into
 * files is refused when the pipeline is saved.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilesDestinationTest {
    private static final int ROWS = 1_000_000;

    private static String table;
    private static String source;
    private static String destination;
    private static String pipeline;
    private static String prefix;

    @BeforeAll
    static void ordersInPostgres() throws Exception {
        ArusServer server = ArusServer.await();
        String id = UUID.randomUUID().toString().substring(0, 8);
        table = "files_orders_" + id;
        Sql.postgres("arus_test", "CREATE TABLE public." + table + " (id bigint PRIMARY KEY, ts timestamptz NOT NULL,"
                + " amount numeric(12,2), note text);"
                + " INSERT INTO public." + table + " SELECT g, timestamptz '2024-01-01 00:00:00+00' + (g % 182) * interval '1 day'"
                + " + (g % 86400) * interval '1 second', round((g % 100000) / 7.0, 2),"
                + " CASE WHEN g % 10 = 0 THEN NULL ELSE 'note, \"' || g || '\"' END FROM generate_series(1, " + ROWS + ") g");
        prefix = "itest-" + id;
        source = DatabasePipelineTest.create("/api/sources", "postgresql", new LinkedHashMap<>(Map.of("host",
                "127.0.0.1", "port", 5432, "database", "arus_test", "username", "arus", "password", "arus")));
        Map<String, Object> s3 = S3Bucket.config(prefix, "parquet");
        s3.put("partition_by", List.of("month(ts)"));
        s3.put("compression", "zstd");
        s3.put("roll_rows", 100_000);
        destination = DatabasePipelineTest.create("/api/destinations", "files", new LinkedHashMap<>(s3));
        pipeline = pipeline(server, "full_refresh", "replace");
    }

    @Test
    @Order(1)
    void postgresToS3ParquetByMonthReadsBackInDuckDbWithEqualCountsAndSums() throws Exception {
        ArusServer server = ArusServer.await();
        long start = System.nanoTime();
        JsonNode run = server.runToEnd(pipeline);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        System.out.printf("FilesDestinationTest: %,d rows PostgreSQL -> S3 Parquet by month in %d ms (%,d rows/s, run incl.)%n",
                ROWS, ms, ROWS * 1000L / Math.max(1, ms));
        for (JsonNode line : ArusServer.JSON.readTree(server.get("/api/runs/" + run.path("id").asText() + "/logs").body())) {
            if (line.toString().contains(" took ") || line.toString().contains("publishing them took")) {
                System.out.println("FilesDestinationTest: " + line.path("message").asText(line.toString()));
            }
        }

        Path local = download();
        Map<String, String> duck = perMonthInDuckDb(local);
        assertThat(duck).hasSize(6);
        assertThat(duck).isEqualTo(perMonthInPostgres());
        assertManifestListsExactlyTheObjectsPresent();
    }

    @Test
    @Order(2)
    void aSecondReplaceRunSwitchesToTheNewObjectsAndRemovesTheOld() throws Exception {
        Sql.postgres("arus_test", "DELETE FROM public." + table + " WHERE id <= 1000;"
                + " UPDATE public." + table + " SET amount = amount + 1 WHERE id % 3 = 0");
        JsonNode run = ArusServer.await().runToEnd(pipeline);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(perMonthInDuckDb(download())).isEqualTo(perMonthInPostgres());
        String tablePrefix = prefix + "/lake/" + table + "/";
        List<String> runs = S3Bucket.list(tablePrefix).stream().map(k -> k.substring(tablePrefix.length()))
                .filter(k -> k.startsWith("run-")).map(k -> k.substring(0, k.indexOf('/'))).distinct().toList();
        assertThat(runs).as("only the last run's prefix is left").hasSize(1);
        assertManifestListsExactlyTheObjectsPresent();
    }

    @Test
    @Order(3)
    void upsertIntoFilesIsRefusedWhenThePipelineIsSaved() throws Exception {
        ArusServer server = ArusServer.await();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "files-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", "lake");
        body.put("streams", List.of(Map.of("name", "public." + table, "sync_mode", "incremental", "cursor_field", "ts",
                "write_mode", "upsert")));
        var response = server.send("POST", "/api/pipelines", ArusServer.JSON.writeValueAsString(body), server.adminToken());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = ArusServer.JSON.readTree(response.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("streams[0].write_mode");
        assertThat(error.path("message").asText()).contains("cannot merge rows by key", "use append or replace");
    }

    /** Downloads the table's objects through the S3 API into a new temporary folder, keeping their paths. */
    private static Path download() throws Exception {
        String tablePrefix = prefix + "/lake/" + table + "/";
        Path local = Files.createTempDirectory("files-itest-");
        for (String key : S3Bucket.list(tablePrefix)) {
            S3Bucket.download(key, local.resolve(key.substring(tablePrefix.length())));
        }
        return local;
    }

    private static void assertManifestListsExactlyTheObjectsPresent() throws Exception {
        String tablePrefix = prefix + "/lake/" + table + "/";
        JsonNode manifest = ArusServer.JSON.readTree(S3Bucket.get(tablePrefix + "_manifest.json"));
        List<String> listed = new ArrayList<>();
        long rows = 0;
        for (JsonNode f : manifest.path("files")) {
            listed.add(f.path("path").asText());
            rows += f.path("rows").asLong();
        }
        List<String> present = S3Bucket.list(tablePrefix).stream().map(k -> k.substring(tablePrefix.length()))
                .filter(k -> !k.equals("_manifest.json")).sorted().toList();
        assertThat(present).as("no temporary or unlisted object").isEqualTo(listed.stream().sorted().toList());
        assertThat(rows).isEqualTo(Long.parseLong(Sql.postgres("arus_test", "SELECT count(*) FROM public." + table).strip()));
        assertThat(manifest.path("schema").toString()).contains("\"amount\"", "decimal(12,2)", "timestamptz");
    }

    /** month -> "count|sum|non-null notes", by PostgreSQL. */
    private static Map<String, String> perMonthInPostgres() throws Exception {
        String out = Sql.postgres("arus_test", "SELECT m || '|' || n || '|' || s || '|' || c FROM (SELECT"
                + " to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM') AS m, count(*) AS n, sum(amount) AS s, count(note) AS c"
                + " FROM public." + table + " GROUP BY 1) t ORDER BY 1");
        Map<String, String> months = new TreeMap<>();
        for (String line : out.strip().split("\n")) {
            String[] parts = line.split("\\|", 2);
            months.put(parts[0], parts[1]);
        }
        return months;
    }

    /** month -> "count|sum|non-null notes", by DuckDB's read_parquet over the month=YYYY-MM folders. */
    private static Map<String, String> perMonthInDuckDb(Path tableDir) throws Exception {
        Bundle duck = Arrays.stream(context().getBundles())
                .filter(b -> "io.arus.connector.duckdb".equals(b.getSymbolicName())).findFirst().orElseThrow();
        Driver driver = (Driver) duck.loadClass("org.duckdb.DuckDBDriver").getConstructor().newInstance();
        Map<String, String> months = new TreeMap<>();
        try (Connection c = driver.connect("jdbc:duckdb:", new Properties()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(month AS VARCHAR), count(*), sum(amount), count(note)"
                     + " FROM read_parquet('" + tableDir + "/**/*.parquet', hive_partitioning = true) GROUP BY 1")) {
            while (rs.next()) {
                months.put(rs.getString(1), rs.getLong(2) + "|" + rs.getBigDecimal(3).toPlainString() + "|" + rs.getLong(4));
            }
        }
        return months;
    }

    private static String pipeline(ArusServer server, String syncMode, String writeMode) throws Exception {
        Map<String, Object> stream = new LinkedHashMap<>(Map.of("name", "public." + table, "sync_mode", syncMode,
                "write_mode", writeMode));
        if (syncMode.equals("incremental")) {
            stream.put("cursor_field", "ts");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "files-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", "lake");
        body.put("streams", List.of(stream));
        return server.create("/api/pipelines", body);
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(FilesDestinationTest.class).getBundleContext();
    }
}

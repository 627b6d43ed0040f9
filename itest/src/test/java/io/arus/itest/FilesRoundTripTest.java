package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.FrameworkUtil;

/**
 * A CSV round trip through the server: PostgreSQL -> CSV files in a local folder (files destination) -> files
 * source -> PostgreSQL, with text holding quotes, CR/LF newlines, delimiters, NULL next to the empty string, the
 * NULL marker as text and 4-byte UTF-8; both ends equal by an md5 over the ordered rows computed in PostgreSQL.
 * The files source reads incrementally by file: a second run reads nothing, a third reads only the file the
 * destination added since (an incremental PG -> CSV run of 3 new rows, listed in the table's manifest).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilesRoundTripTest {
    private static final int ROWS = 20_000;
    private static final String CHECKSUM = "SELECT count(*) || ' ' || md5(string_agg(concat_ws('|', id, quote_nullable(txt),"
            + " quote_nullable(amount), quote_nullable(to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'))), ','"
            + " ORDER BY id)) FROM %s";

    private static String table;
    private static String target;
    private static Path folder;
    private static String toFiles;
    private static String fromFiles;

    @BeforeAll
    static void rowsInPostgres() throws Exception {
        ArusServer server = ArusServer.await();
        String id = UUID.randomUUID().toString().substring(0, 8);
        table = "files_rt_" + id;
        target = "files_rt_back_" + id;
        Sql.postgres("arus_test", "CREATE TABLE public." + table + " (id bigint PRIMARY KEY, txt text, amount numeric(12,2),"
                + " ts timestamptz);"
                + " INSERT INTO public." + table + " SELECT g, CASE g % 7 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN"
                + " 'say \"hi\", then' || chr(13) || chr(10) || 'leave ' || g WHEN 3 THEN 'a;b|c' || chr(9) || 'd,e ' || g"
                + " WHEN 4 THEN '𝄞 🦀 𠜎 😀 ' || g WHEN 5 THEN '\\N' ELSE ' lead ''single'' \"\"double\"\" ' || g || ' ' END,"
                + " CASE WHEN g % 11 = 0 THEN NULL ELSE round(g / 7.0, 2) END,"
                + " CASE WHEN g % 13 = 0 THEN NULL ELSE timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'"
                + " + (g % 1000) * interval '1 microsecond' END FROM generate_series(1, " + ROWS + ") g");
        folder = Path.of(FrameworkUtil.getBundle(FilesRoundTripTest.class).getBundleContext().getProperty("arus.data.dir"))
                .resolve("files-rt-" + id);
        String pg = DatabasePipelineTest.create("/api/sources", "postgresql", DatabasePipelineTest.pgConfig());
        String csvOut = DatabasePipelineTest.create("/api/destinations", "files", new LinkedHashMap<>(Map.of(
                "location", folder.toUri().toString(), "format", "csv", "roll_rows", 3000)));
        String csvIn = DatabasePipelineTest.create("/api/sources", "files", new LinkedHashMap<>(Map.of(
                "location", folder.resolve("lake").toUri().toString(), "format", "csv", "glob", table + "/*.csv")));
        String pgOut = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        toFiles = pipeline(server, pg, csvOut, "lake", Map.of("name", "public." + table, "sync_mode", "incremental",
                "cursor_field", "id", "write_mode", "append"));
        fromFiles = pipeline(server, csvIn, pgOut, target, Map.of("name", table, "sync_mode", "incremental",
                "cursor_field", "_modified"));
    }

    @Test
    @Order(1)
    void postgresToCsvToPostgresEndsEqualByRowChecksums() throws Exception {
        ArusServer server = ArusServer.await();
        JsonNode out = server.runToEnd(toFiles);
        assertThat(out.path("status").asText()).as(out.toString()).isEqualTo("succeeded");
        try (var files = Files.list(folder.resolve("lake").resolve(table))) {
            assertThat(files.filter(p -> p.toString().endsWith(".csv")).count()).as("rolled at 3,000 rows").isGreaterThanOrEqualTo(7);
        }
        JsonNode back = server.runToEnd(fromFiles);
        assertThat(back.path("status").asText()).as(back.toString()).isEqualTo("succeeded");
        assertThat(back.path("streams").get(0).path("rows_read").asLong()).isEqualTo(ROWS);
        assertThat(checksum(target + "." + table)).isEqualTo(checksum("public." + table)).startsWith(ROWS + " ");
        assertThat(Sql.postgres("arus_test", "SELECT count(*) FILTER (WHERE txt IS NULL) || ' ' || count(*) FILTER"
                + " (WHERE txt = '') || ' ' || count(*) FILTER (WHERE txt = '\\N') FROM " + target + "." + table).strip())
                .as("NULL, empty and the marker as text stay apart").isEqualTo("2857 2858 2857");
        assertThat(Sql.postgres("arus_test", "SELECT data_type FROM information_schema.columns WHERE table_schema = '"
                + target + "' AND table_name = '" + table + "' ORDER BY ordinal_position").strip().split("\n"))
                .as("types inferred from the CSV sample, then the file columns").containsExactly("bigint", "text", "numeric",
                        "timestamp with time zone", "text", "bigint", "timestamp with time zone");
    }

    @Test
    @Order(2)
    void aSecondRunReadsNothingAndAThirdOnlyTheNewFile() throws Exception {
        ArusServer server = ArusServer.await();
        JsonNode second = server.runToEnd(fromFiles);
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded");
        assertThat(second.path("streams").get(0).path("rows_read").asLong()).as("no file is new").isZero();

        Sql.postgres("arus_test", "INSERT INTO public." + table + " VALUES (" + (ROWS + 1) + ", 'new, \"quoted\"' || chr(13)"
                + " || chr(10) || 'line 😀', 1.10, '2025-01-01T00:00:00Z'), (" + (ROWS + 2) + ", '', NULL, NULL), ("
                + (ROWS + 3) + ", NULL, 2.00, '2025-01-02T03:04:05.000006Z')");
        JsonNode out = server.runToEnd(toFiles);
        assertThat(out.path("status").asText()).as(out.toString()).isEqualTo("succeeded");
        assertThat(out.path("streams").get(0).path("rows_written").asLong()).as("a new file of the 3 new rows").isEqualTo(3);
        JsonNode third = server.runToEnd(fromFiles);
        assertThat(third.path("status").asText()).as(third.toString()).isEqualTo("succeeded");
        assertThat(third.path("streams").get(0).path("rows_read").asLong()).as("only the new file").isEqualTo(3);
        assertThat(server.get("/api/runs/" + third.path("id").asText() + "/logs").body())
                .contains(table + ": 1 files to read (");
        assertThat(checksum(target + "." + table)).isEqualTo(checksum("public." + table)).startsWith((ROWS + 3) + " ");
    }

    private static String checksum(String qualified) throws Exception {
        return Sql.postgres("arus_test", String.format(CHECKSUM, qualified)).strip();
    }

    private static String pipeline(ArusServer server, String source, String destination, String namespace,
                                   Map<String, Object> stream) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "files-rt-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", namespace);
        body.put("streams", List.of(stream));
        return server.create("/api/pipelines", body);
    }
}

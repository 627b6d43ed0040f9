package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The files source on S3 (the s3proxy of scripts/test-services.sh) through the server, incrementally by file:
 * 100 CSV objects land in PostgreSQL, then 10 more are put and the next run reads only those 10; a record of them
 * with a qty that is no number goes to dead letters naming the object and line.
 */
class FilesIncrementalSourceTest {
    private static final int ROWS_PER_FILE = 10;

    @Test
    void hundredFilesThenTenMoreAndTheNextRunReadsOnlyTheTen() throws Exception {
        ArusServer server = ArusServer.await();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "itest-src-" + id;
        putOrders(prefix, 0, 100);
        Map<String, Object> s3 = S3Bucket.config(prefix, "csv");
        s3.put("glob", "orders/*.csv");
        String source = DatabasePipelineTest.create("/api/sources", "files", new LinkedHashMap<>(s3));
        String destination = DatabasePipelineTest.create("/api/destinations", "postgresql", DatabasePipelineTest.pgConfig());
        String target = "files_inc_" + id;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "files-inc-" + id);
        body.put("source_id", source);
        body.put("destination_id", destination);
        body.put("target_namespace", target);
        body.put("streams", List.of(Map.of("name", "orders", "sync_mode", "incremental", "cursor_field", "_modified")));
        String pipeline = server.create("/api/pipelines", body);

        JsonNode first = server.runToEnd(pipeline);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(first.path("streams").get(0).path("rows_read").asLong()).isEqualTo(100 * ROWS_PER_FILE);
        assertThat(totals(target)).isEqualTo("100 1000 1000 " + expectedSum(0, 100));

        putOrders(prefix, 100, 110);
        // one of the new files has a record whose qty is no number, on its fourth line
        String bad = prefix + "/orders/o-105.csv";
        S3Bucket.put(bad, S3Bucket.get(bad).replace("\n1052,107\n", "\n1052,1O7\n"));
        JsonNode second = server.runToEnd(pipeline);
        assertThat(second.path("status").asText()).as(second.toString()).isEqualTo("succeeded_with_warnings");
        assertThat(second.path("streams").get(0).path("rows_read").asLong()).as("only the 10 new files")
                .isEqualTo(10 * ROWS_PER_FILE - 1);
        assertThat(second.path("streams").get(0).path("rows_rejected").asLong()).isEqualTo(1);
        assertThat(server.get("/api/runs/" + second.path("id").asText() + "/logs").body())
                .contains("orders: 10 files to read (100 unchanged since the last offset)");
        JsonNode letters = server.json("/api/dead-letters?run_id=" + second.path("id").asText());
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("reason").asText()).isEqualTo("orders/o-105.csv line 4: '1O7' is not a int64 (column qty)");
        assertThat(letters.get(0).path("values").path("_file").asText()).isEqualTo("orders/o-105.csv");
        assertThat(letters.get(0).path("values").path("_line").asLong()).isEqualTo(4);
        assertThat(letters.get(0).path("values").path("_text").asText()).isEqualTo("1052,1O7");
        assertThat(totals(target)).isEqualTo("110 1099 1099 " + (expectedSum(0, 110) - 107));
    }

    /** Puts orders/o-NNN.csv for files [from, to): ROWS_PER_FILE rows of id, qty each. */
    private static void putOrders(String prefix, int from, int to) throws Exception {
        for (int f = from; f < to; f++) {
            StringBuilder csv = new StringBuilder("id,qty\n");
            for (int r = 0; r < ROWS_PER_FILE; r++) {
                csv.append(f * ROWS_PER_FILE + r).append(',').append(f + r).append('\n');
            }
            S3Bucket.put(prefix + "/orders/" + String.format("o-%03d.csv", f), csv.toString());
        }
    }

    private static long expectedSum(int from, int to) {
        long sum = 0;
        for (int f = from; f < to; f++) {
            for (int r = 0; r < ROWS_PER_FILE; r++) {
                sum += f + r;
            }
        }
        return sum;
    }

    /** "files rows distinct-ids sum(qty)" in the destination. */
    private static String totals(String target) throws Exception {
        return Sql.postgres("arus_test", "SELECT count(DISTINCT _file) || ' ' || count(*) || ' ' || count(DISTINCT id) || ' ' || sum(qty)"
                + " FROM " + target + ".orders").strip();
    }
}

package io.arus.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.CheckResult;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.api.connector.WriteMode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Against the S3-compatible server of scripts/test-services.sh (s3proxy on 127.0.0.1:9444, bucket arus-test): fails,
 * never skips, when it is not running.
 */
class S3StorageTest {
    static Map<String, Object> s3(String prefix, String format) {
        Map<String, Object> config = new HashMap<>();
        config.put("location", "s3://arus-test/" + prefix);
        config.put("format", format);
        config.put("endpoint", "http://127.0.0.1:9444");
        config.put("path_style", true);
        config.put("access_key", "arus-s3");
        config.put("secret_key", "arus-s3-secret-9vQ2");
        return config;
    }

    @Test
    void writesPartitionedParquetToS3WithAManifestListingExactlyTheObjects() throws Exception {
        String prefix = "unit-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> config = s3(prefix, "parquet");
        config.put("partition_by", List.of("day(ts)"));
        config.put("roll_rows", 400);
        FilesSettings s = FilesWriterTest.settings(config);
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("ts", LogicalType.TIMESTAMPTZ, true));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            rows.add(new Object[] {i, Instant.parse("2024-05-01T12:00:00Z").plusSeconds(86_400 * (i % 2))});
        }
        try (FilesSession session = new FilesSession(s)) {
            CheckResult check = session.check();
            assertThat(check.ok()).as(check.message()).isTrue();
        }
        FilesWriterTest.write(s, schema, WriteMode.APPEND, "r1", rows);

        try (S3Storage storage = new S3Storage(s)) {
            List<Storage.StoredFile> objects = storage.list("t");
            List<String> data = objects.stream().map(Storage.StoredFile::path).filter(p -> p.endsWith(".parquet")).sorted()
                    .toList();
            // 500 rows per day, 400 per file: two files per day folder
            assertThat(data).hasSize(4);
            assertThat(data).allMatch(p -> p.startsWith("t/day=2024-05-01/part-r1-") || p.startsWith("t/day=2024-05-02/part-r1-"));
            List<Manifest.Entry> listed = Manifest.files(storage.get("t/_manifest.json"));
            assertThat(listed.stream().map(e -> "t/" + e.path()).sorted().toList()).isEqualTo(data);
            assertThat(listed.stream().mapToLong(Manifest.Entry::rows).sum()).isEqualTo(1000);
            assertThat(objects).noneMatch(o -> o.name().startsWith("."));

            // the bytes that came back are a Parquet file whose footer says 400 or 100 rows
            Path local = Files.createTempFile("s3-", ".parquet");
            try (InputStream in = storage.open(data.get(0))) {
                Files.copy(in, local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            long count = blue.strategic.parquet.ParquetReader.readMetadata(local.toFile()).getBlocks().stream()
                    .mapToLong(b -> b.getRowCount()).sum();
            assertThat(count).isIn(400L, 100L);
            Files.delete(local);
        }
    }

    @Test
    void aFileLargerThanAPartGoesUpAsAMultipartUpload() throws Exception {
        String prefix = "unit-" + UUID.randomUUID().toString().substring(0, 8);
        FilesSettings s = FilesWriterTest.settings(s3(prefix, "csv"));
        Path big = Files.createTempFile("big-", ".csv");
        byte[] line = "\"0123456789abcdefghijklmnopqrstuvwxyz\"\r\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(big)) {
            for (long written = 0; written <= S3Storage.PART_BYTES + 1000; written += line.length) {
                out.write(line);
            }
        }
        long size = Files.size(big);
        try (S3Storage storage = new S3Storage(s)) {
            assertThat(storage.publish(big, "t/big.csv")).isEqualTo(size);
            assertThat(Files.exists(big)).isFalse();
            Storage.StoredFile listed = storage.list("t").get(0);
            assertThat(listed.size()).isEqualTo(size);
            // a multipart ETag ends in -<parts>
            assertThat(listed.etag()).endsWith("-2");
        }
    }

    @Test
    void wrongSecretKeyFailsTheCheckWithoutShowingTheKey() throws Exception {
        Map<String, Object> config = s3("x", "csv");
        config.put("secret_key", "wrong-secret-ZZ9");
        try (FilesSession session = new FilesSession(FilesWriterTest.settings(config))) {
            CheckResult check = session.check();
            assertThat(check.ok()).isFalse();
            assertThat(check.message()).doesNotContain("wrong-secret-ZZ9");
        }
    }

    @Test
    void theSourceReadsParquetAndCsvBackFromTheBucketAndThenOnlyNewObjects() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("ts", LogicalType.TIMESTAMPTZ, true));
        for (String format : List.of("parquet", "csv")) {
            String prefix = "unit-" + UUID.randomUUID().toString().substring(0, 8);
            FilesSettings s = FilesWriterTest.settings(s3(prefix, format));
            List<Object[]> rows = new ArrayList<>();
            for (long i = 0; i < 500; i++) {
                rows.add(new Object[] {i, Instant.parse("2024-05-01T12:00:00Z").plusSeconds(i)});
            }
            FilesWriterTest.write(s, schema, WriteMode.APPEND, "r1", rows);
            FilesSourceTest.Read first = FilesSourceTest.read(s, "t", null, 128);
            assertThat(first.unreadable()).isEmpty();
            assertThat(first.rows().stream().map(r -> List.of(r[0], r[1])).toList())
                    .isEqualTo(rows.stream().map(r -> List.of(r[0], r[1])).toList());

            FilesWriterTest.write(s, schema, WriteMode.APPEND, "r2", rows.subList(0, 10));
            FilesSourceTest.Read next = FilesSourceTest.read(s, "t", first.offset(), 128);
            assertThat(next.rows()).as(format).hasSize(10);
            assertThat(next.rows()).allMatch(r -> ((String) r[2]).startsWith("t/part-r2-"));
        }
    }

}

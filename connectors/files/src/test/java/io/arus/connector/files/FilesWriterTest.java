package io.arus.connector.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import io.arus.api.config.Config;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesWriterTest {
    static final Schema TYPES = Schema.of(
            Field.of("id", LogicalType.INT64, false),
            Field.of("small", LogicalType.INT16, true),
            Field.of("amount", LogicalType.decimal(12, 2), true),
            Field.of("big", LogicalType.decimal(30, 5), true),
            Field.of("ts", LogicalType.TIMESTAMP, true),
            Field.of("tstz", LogicalType.TIMESTAMPTZ, true),
            Field.of("day", LogicalType.DATE, true),
            Field.of("at", LogicalType.TIME, true),
            Field.of("uid", LogicalType.UUID, true),
            Field.of("doc", LogicalType.JSON, true),
            Field.of("name", LogicalType.STRING, true),
            Field.of("ok", LogicalType.BOOLEAN, true),
            Field.of("ratio", LogicalType.FLOAT64, true));

    @TempDir
    Path dir;

    static FilesSettings settings(Map<String, Object> values) throws Exception {
        return FilesSettings.from(FilesSettings.SPEC.resolve(values));
    }

    static Object[] typedRow(long id) {
        return new Object[] {id, (short) 7, new BigDecimal("1234567890.12"), new BigDecimal("1234567890123456789012.34567"),
                LocalDateTime.of(2024, 5, 17, 10, 11, 12, 123_456_000), Instant.parse("2024-06-01T00:00:00.000001Z"),
                LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 58, 999_999_000),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "{\"a\": [1, 2]}", "naïve 😀", true, 0.25};
    }

    static void write(FilesSettings s, Schema schema, WriteMode mode, String run, List<Object[]> rows) throws Exception {
        try (FilesSession session = new FilesSession(s);
             StreamWriter w = session.openWriter(new WriteRequest(new StreamId(null, "t"), schema, List.of(), mode),
                     new TestContext(run))) {
            w.write(RecordBatch.of(schema, rows, null));
            w.flush();
            w.complete();
        }
    }

    private List<Path> files(String glob) throws IOException {
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> matcher.matches(dir.relativize(p))).sorted().toList();
        }
    }

    @Test
    void parquetKeepsLogicalTypesAsParquetReadsThem() throws Exception {
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "parquet", "compression", "zstd"));
        write(s, TYPES, WriteMode.APPEND, "r1", List.of(typedRow(1), new Object[TYPES.size()]));
        List<Path> files = files("t/*.parquet");
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).startsWith("part-r1-").endsWith("-00000.parquet");

        var meta = ParquetReader.readMetadata(files.get(0).toFile());
        assertThat(meta.getFileMetaData().getSchema().toString()).contains(
                "optional int32 small (INTEGER(16,true))", "optional int64 amount (DECIMAL(12,2))",
                "optional binary big (DECIMAL(30,5))", "optional int64 ts (TIMESTAMP(MICROS,false))",
                "optional int64 tstz (TIMESTAMP(MICROS,true))", "optional int32 day (DATE)",
                "optional int64 at (TIME(MICROS,false))", "optional fixed_len_byte_array(16) uid (UUID)",
                "optional binary doc (STRING)");
        assertThat(meta.getFileMetaData().getCreatedBy()).contains("parquet-mr");
        assertThat(ParquetTypes.schema(meta.getFileMetaData().getSchema()).fields().stream().map(f -> f.type().toString()))
                .containsExactly("int64", "int16", "decimal(12,2)", "decimal(30,5)", "timestamp", "timestamptz", "date",
                        "time", "uuid", "string", "string", "boolean", "float64");

        List<Map<String, Object>> rows;
        try (Stream<Map<String, Object>> stream = ParquetReader.streamContent(files.get(0).toFile(), new MapHydrator())) {
            rows = stream.toList();
        }
        assertThat(rows).hasSize(2);
        Map<String, Object> r = rows.get(0);
        assertThat(r).containsEntry("id", 1L).containsEntry("small", 7).containsEntry("amount", 123456789012L)
                .containsEntry("ts", 1715940672123456L).containsEntry("tstz", 1717200000000001L)
                .containsEntry("day", (int) LocalDate.of(2024, 2, 29).toEpochDay())
                .containsEntry("name", "naïve 😀").containsEntry("doc", "{\"a\": [1, 2]}").containsEntry("ok", true);
        assertThat(rows.get(1)).containsEntry("id", null).containsEntry("name", null);
    }

    @Test
    void csvTellsNullFromEmptyAndKeepsQuotesNewlinesDelimitersAndFourByteCharacters() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT32, false), Field.of("text", LogicalType.STRING, true));
        List<Object[]> rows = List.of(new Object[] {1, "say \"hi\", then\r\nleave"}, new Object[] {2, ""},
                new Object[] {3, null}, new Object[] {4, "\\N"}, new Object[] {5, "a;b|c\td"},
                new Object[] {6, "𝄞 🦀 𠜎"}, new Object[] {7, " lead and trail "});
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "csv"));
        write(s, schema, WriteMode.APPEND, "r1", rows);
        Path file = files("t/*.csv").get(0);

        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(in).setFormat(s.csv().format()).get()) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(records.get(0).values()).containsExactly("id", "text");
            for (int i = 0; i < rows.size(); i++) {
                assertThat(records.get(i + 1).get(1)).as("row " + (i + 1)).isEqualTo(rows.get(i)[1]);
            }
        }
        String raw = Files.readString(file);
        assertThat(raw).contains("\"3\",\\N\r\n").contains("\"2\",\"\"\r\n").contains("\"4\",\"\\N\"");
    }

    @Test
    void jsonLinesWriteOneObjectPerLineWithNumbersAndNestedJson() throws Exception {
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "jsonl"));
        write(s, TYPES, WriteMode.APPEND, "r1", List.of(typedRow(1), typedRow(2)));
        List<String> lines = Files.readAllLines(files("t/*.jsonl").get(0)).stream().filter(l -> !l.isEmpty()).toList();
        assertThat(lines).hasSize(2);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) JsonValues.fromJson(lines.get(0));
        assertThat(first).containsEntry("id", 1L).containsEntry("amount", new BigDecimal("1234567890.12"))
                .containsEntry("ts", "2024-05-17T10:11:12.123456").containsEntry("tstz", "2024-06-01T00:00:00.000001Z")
                .containsEntry("doc", Map.of("a", List.of(1L, 2L))).containsEntry("name", "naïve 😀");
    }

    @Test
    void partitionsByMonthAndValueRollAtRowsAndListEveryFileInTheManifest() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("ts", LogicalType.TIMESTAMPTZ, true),
                Field.of("region", LogicalType.STRING, true));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 250; i++) {
            Instant ts = i < 100 ? Instant.parse("2024-05-31T23:59:59Z") : Instant.parse("2024-06-01T00:00:00Z");
            rows.add(new Object[] {i, i == 249 ? null : ts, i % 2 == 0 ? "eu/west" : "us"});
        }
        Map<String, Object> config = new HashMap<>(Map.of("location", dir.toUri().toString(), "format", "csv",
                "partition_by", List.of("month(ts)", "region"), "roll_rows", 30));
        write(settings(config), schema, WriteMode.APPEND, "run-1", rows);

        Map<String, Long> perFolder = files("t/**.csv").stream().collect(Collectors.groupingBy(
                p -> dir.relativize(p.getParent()).toString(), Collectors.counting()));
        assertThat(perFolder).containsOnlyKeys("t/month=2024-05/region=eu%2Fwest", "t/month=2024-05/region=us",
                "t/month=2024-06/region=eu%2Fwest", "t/month=2024-06/region=us",
                "t/month=__HIVE_DEFAULT_PARTITION__/region=us");
        // 50 rows per May folder: 2 files of 30 and 20; 75 June rows in eu: 3 files
        assertThat(perFolder.get("t/month=2024-05/region=us")).isEqualTo(2);
        assertThat(perFolder.get("t/month=2024-06/region=eu%2Fwest")).isEqualTo(3);
        assertThat(files("t/**/.*")).as("no temporary file left").isEmpty();

        List<Manifest.Entry> listed = Manifest.files(Files.readAllBytes(dir.resolve("t/_manifest.json")));
        assertThat(listed.stream().map(Manifest.Entry::path).sorted().toList())
                .isEqualTo(files("t/**.csv").stream().map(p -> dir.resolve("t").relativize(p).toString()).sorted().toList());
        assertThat(listed.stream().mapToLong(Manifest.Entry::rows).sum()).isEqualTo(250);
        String manifest = Files.readString(dir.resolve("t/_manifest.json"));
        assertThat(manifest).contains("\"run_id\" : \"run-1\"", "\"rows\" : 250", "\"name\" : \"ts\"",
                "\"type\" : \"timestamptz\"");
    }

    @Test
    void aFileIsInvisibleUntilFlushAndAStagedFileOfADeadWriterIsHidden() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "parquet"));
        try (FilesSession session = new FilesSession(s)) {
            StreamWriter w = session.openWriter(new WriteRequest(new StreamId(null, "t"), schema, List.of(),
                    WriteMode.APPEND), new TestContext("r1"));
            w.write(RecordBatch.of(schema, List.<Object[]>of(new Object[] {1L}), null));
            assertThat(files("t/*.parquet")).isEmpty();
            assertThat(files("t/.*.tmp")).hasSize(1);
            w.flush();
            assertThat(files("t/*.parquet")).hasSize(1);
            w.write(RecordBatch.of(schema, List.<Object[]>of(new Object[] {2L}), null));
            // a writer that dies here (no flush) leaves only its hidden temporary file
            w.close();
            assertThat(files("t/*.parquet")).hasSize(1);
            assertThat(files("t/.*")).isEmpty();
        }
    }

    @Test
    void aRefusedBatchLeavesNothingBehindSoFlushesMaySpanBatches() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("amount", LogicalType.decimal(5, 2), true));
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "parquet", "roll_rows", 5000));
        try (FilesSession session = new FilesSession(s);
             StreamWriter w = session.openWriter(new WriteRequest(new StreamId(null, "t"), schema, List.of(),
                     WriteMode.APPEND), new TestContext("r1"))) {
            assertThat(w.rowsPerFlush()).as("files roll at roll_rows, not at every batch").isEqualTo(5000);
            w.write(RecordBatch.of(schema, List.<Object[]>of(new Object[] {1L, new BigDecimal("1.25")}), null));
            assertThatThrownBy(() -> w.write(RecordBatch.of(schema, List.<Object[]>of(new Object[] {2L, BigDecimal.ONE},
                    new Object[] {3L, new BigDecimal("1234.5")}), null)))
                    .isInstanceOf(ConnectorException.class).hasMessageContaining("amount: 1234.5 does not fit decimal(5,2)")
                    .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.DATA);
            w.write(RecordBatch.of(schema, List.<Object[]>of(new Object[] {4L, null}), null));
            w.flush();
            w.complete();
        }
        List<Path> written = files("t/*.parquet");
        assertThat(written).hasSize(1);
        List<Map<String, Object>> rows;
        try (Stream<Map<String, Object>> stream = ParquetReader.streamContent(written.get(0).toFile(), new MapHydrator())) {
            rows = stream.toList();
        }
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(1L, 4L);
    }

    @Test
    void unlistedFilesOfACrashedRunAreRemovedByTheNextAppend() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "csv"));
        write(s, schema, WriteMode.APPEND, "r1", List.<Object[]>of(new Object[] {1L}));
        Files.writeString(dir.resolve("t/part-dead-000000-00000.csv"), "\"id\"\r\n\"9\"\r\n");
        write(s, schema, WriteMode.APPEND, "r2", List.<Object[]>of(new Object[] {2L}));
        assertThat(files("t/*.csv")).extracting(p -> p.getFileName().toString())
                .allMatch(n -> n.startsWith("part-r1-") || n.startsWith("part-r2-")).hasSize(2);
        assertThat(Manifest.files(Files.readAllBytes(dir.resolve("t/_manifest.json")))).hasSize(2);
    }

    @Test
    void anAppendRecordsEachFlushSoAFlushWhoseOffsetWasNotStoredIsFoundOrWithdrawn() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "csv", "roll_rows", 2));
        try (FilesSession session = new FilesSession(s);
             StreamWriter w = session.openWriter(new WriteRequest(new StreamId(null, "t"), schema, List.of(),
                     WriteMode.APPEND), new TestContext("r1"))) {
            assertThat(w.recordsFlushes()).isTrue();
            w.write(RecordBatch.of(schema, List.<Object[]>of(new Object[] {1L}, new Object[] {2L}), null));
            w.flush("flush-1");
            w.write(RecordBatch.of(schema, List.<Object[]>of(new Object[] {3L}, new Object[] {4L},
                    new Object[] {5L}), null));
            w.flush("flush-2");
            // a flush with no rows is recorded too (its offset may still be the one to store)
            w.flush("flush-3");
            assertThat(w.holdsFlush("flush-1")).isTrue();
            assertThat(w.holdsFlush("flush-2")).isTrue();
            assertThat(w.holdsFlush("flush-3")).isTrue();
            assertThat(w.holdsFlush("flush-4")).isFalse();
        }
        byte[] manifest = Files.readAllBytes(dir.resolve("t/_manifest.json"));
        assertThat(Manifest.flushes(manifest)).containsExactly("flush-1", "flush-2", "flush-3");
        assertThat(Manifest.files(manifest)).extracting(Manifest.Entry::flush)
                .containsExactly("flush-1", "flush-2", "flush-2");

        // the next run's writer (another process) withdraws flush 2: its two files go, from the manifest first
        try (FilesSession session = new FilesSession(s);
             StreamWriter w = session.openWriter(new WriteRequest(new StreamId(null, "t"), schema, List.of(),
                     WriteMode.APPEND), new TestContext("r2"))) {
            assertThat(w.holdsFlush("flush-2")).isTrue();
            w.discardFlush("flush-2");
            assertThat(w.holdsFlush("flush-2")).isFalse();
            assertThat(w.holdsFlush("flush-1")).isTrue();
            w.complete();
        }
        List<Manifest.Entry> listed = Manifest.files(Files.readAllBytes(dir.resolve("t/_manifest.json")));
        assertThat(listed).extracting(Manifest.Entry::rows).containsExactly(2L);
        assertThat(files("t/*.csv")).hasSize(1);
        assertThat(Manifest.flushes(Files.readAllBytes(dir.resolve("t/_manifest.json"))))
                .containsExactly("flush-1", "flush-3");
    }

    @Test
    void aReplaceDoesNotRecordFlushes() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "csv"));
        try (FilesSession session = new FilesSession(s);
             StreamWriter w = session.openWriter(new WriteRequest(new StreamId(null, "t"), schema, List.of(),
                     WriteMode.REPLACE), new TestContext("r1"))) {
            // a replace starts over after a crash: there is no offset to settle
            assertThat(w.recordsFlushes()).isFalse();
            assertThatThrownBy(() -> w.flush("flush-1")).isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("append mode only");
        }
    }

    @Test
    void temporaryFilesOfAWriterInAProcessThatIsGoneAreRemoved() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "csv"));
        Path t = Files.createDirectories(dir.resolve("t"));
        Path stale = Files.writeString(t.resolve(".part-dead-00000.csv.1a2b3c4d.tmp"), "\"id\"\r\n\"1");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() - 60_000));
        Path working = Files.writeString(t.resolve(".part-live-00000.csv.5e6f7a8b.tmp"), "\"id\"\r\n");
        write(s, schema, WriteMode.APPEND, "r1", List.<Object[]>of(new Object[] {1L}));
        assertThat(stale).doesNotExist();
        assertThat(working).as("may be another writer's at work").exists();
    }

    @Test
    void replaceSwitchesTheManifestToTheNewRunAndRemovesTheOldFiles() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        FilesSettings s = settings(Map.of("location", dir.toUri().toString(), "format", "jsonl"));
        write(s, schema, WriteMode.REPLACE, "r1", List.<Object[]>of(new Object[] {1L}, new Object[] {2L}));
        assertThat(files("t/run-r1/*.jsonl")).hasSize(1);
        write(s, schema, WriteMode.REPLACE, "r2", List.<Object[]>of(new Object[] {3L}));
        assertThat(files("t/**.jsonl")).hasSize(1).allMatch(p -> p.toString().contains("/run-r2/"));
        List<Manifest.Entry> listed = Manifest.files(Files.readAllBytes(dir.resolve("t/_manifest.json")));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path()).startsWith("run-r2/");
        assertThat(listed.get(0).rows()).isEqualTo(1);
    }

    @Test
    void upsertIsRefusedWithTheReason() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        FilesSettings s = settings(Map.of("location", dir.toUri().toString()));
        try (FilesSession session = new FilesSession(s)) {
            assertThatThrownBy(() -> session.openWriter(new WriteRequest(new StreamId(null, "t"), schema, List.of("id"),
                    WriteMode.UPSERT), new TestContext("r1")))
                    .isInstanceOf(ConnectorException.class).hasMessageContaining("upsert is not supported");
        }
        assertThat(new FilesConnector().capabilities()).doesNotContain(io.arus.api.connector.Capability.UPSERT);
    }

    @Test
    void secretsAreMaskedWhenSettingsAreShown() throws Exception {
        FilesSettings s = settings(Map.of("location", "s3://bucket-x/p", "access_key", "AKIDSECRET1",
                "secret_key", "very-secret-2"));
        assertThat(s.toString()).doesNotContain("AKIDSECRET1").doesNotContain("very-secret-2").contains(Config.MASK);
        assertThat(FilesSettings.SPEC.field("secret_key").orElseThrow().secret()).isTrue();
        assertThat(FilesSettings.SPEC.field("access_key").orElseThrow().secret()).isTrue();
        assertThat(s.location()).isEqualTo(new Location("s3", "bucket-x", "p"));
    }

    /** Collects a row as column name to parquet-floor's raw value. */
    static final class MapHydrator implements Hydrator<Map<String, Object>, Map<String, Object>, String[]> {
        @Override
        public Map<String, Object> start() {
            return new HashMap<>();
        }

        @Override
        public Map<String, Object> add(Map<String, Object> target, String[] heading, Object value) {
            target.put(heading[0], value);
            return target;
        }

        @Override
        public Map<String, Object> finish(Map<String, Object> target) {
            return target;
        }
    }
}

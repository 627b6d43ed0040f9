package io.arus.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.record.UnreadableRecord;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesSourceTest {
    @TempDir
    Path dir;

    /** What a reader returned until it ended. */
    record Read(List<Object[]> rows, List<UnreadableRecord> unreadable, Offset offset, TestContext context) {
    }

    static Read read(FilesSettings s, String stream, Offset start, int batch) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        List<UnreadableRecord> bad = new ArrayList<>();
        Offset last = start;
        TestContext context = new TestContext("read");
        try (FilesSession session = new FilesSession(s);
             StreamReader reader = session.openReader(ReadRequest.builder(new StreamId("", stream)).batchSize(batch)
                     .startOffset(start).build(), Split.WHOLE, context)) {
            for (RecordBatch b = reader.poll(); b != null; b = reader.poll()) {
                rows.addAll(b.rows());
                bad.addAll(b.unreadable());
                last = b.offsetAfter();
            }
        }
        return new Read(rows, bad, last, context);
    }

    private FilesSettings local(String format, Map<String, Object> more) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("location", dir.toUri().toString(), "format", format));
        config.putAll(more);
        return FilesWriterTest.settings(config);
    }

    @Test
    void csvWrittenByTheDestinationReadsBackEqualWithInferredTypes() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("text", LogicalType.STRING, true),
                Field.of("amount", LogicalType.decimal(12, 2), true), Field.of("at", LogicalType.TIMESTAMPTZ, true));
        List<Object[]> rows = List.of(
                new Object[] {1L, "say \"hi\", then\r\nleave", new BigDecimal("1.50"), Instant.parse("2024-05-01T10:00:00Z")},
                new Object[] {2L, "", new BigDecimal("-3.00"), null}, new Object[] {3L, null, null, null},
                new Object[] {4L, "\\N", new BigDecimal("7.25"), Instant.parse("2024-05-02T00:00:00.123456Z")},
                new Object[] {5L, "a;b|c\td", null, null}, new Object[] {6L, "𝄞 🦀 𠜎", null, null});
        FilesSettings s = local("csv", Map.of());
        FilesWriterTest.write(s, schema, WriteMode.APPEND, "r1", rows);

        List<StreamDescriptor> streams;
        try (FilesSession session = new FilesSession(s)) {
            streams = session.discover();
        }
        assertThat(streams).hasSize(1);
        StreamDescriptor t = streams.get(0);
        assertThat(t.id().name()).isEqualTo("t");
        assertThat(t.schema().fields().stream().map(f -> f.name() + " " + f.type()).toList()).containsExactly(
                "id int64", "text string", "amount decimal", "at timestamptz", "_file string", "_row int64",
                "_modified timestamptz");
        assertThat(t.primaryKey()).containsExactly("_file", "_row");
        assertThat(t.cursorCandidates()).containsExactly("_modified");

        Read read = read(s, "t", null, 4);
        assertThat(read.unreadable()).isEmpty();
        assertThat(read.rows()).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Object[] got = read.rows().get(i);
            assertThat(Arrays.copyOf(got, 4)).as("row " + (i + 1)).isEqualTo(rows.get(i));
            assertThat((String) got[4]).startsWith("t/part-r1-").endsWith(".csv");
            assertThat(got[5]).isEqualTo((long) i + 1);
        }
    }

    @Test
    void anIncrementalReadTakesOnlyNewAndChangedFiles() throws Exception {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        for (int f = 0; f < 100; f++) {
            Files.writeString(orders.resolve(String.format("o-%03d.csv", f)), "id,qty\n" + f + ",1\n" + f + ",2\n");
        }
        FilesSettings s = local("csv", Map.of("glob", "orders/*.csv"));
        Read first = read(s, "orders", null, 50);
        assertThat(first.rows()).hasSize(200);

        Read nothing = read(s, "orders", first.offset(), 50);
        assertThat(nothing.rows()).isEmpty();
        assertThat(nothing.context().log).anyMatch(l -> l.contains("0 files to read (100 unchanged"));

        for (int f = 100; f < 110; f++) {
            Files.writeString(orders.resolve(String.format("o-%03d.csv", f)), "id,qty\n" + f + ",1\n" + f + ",2\n");
        }
        Files.writeString(orders.resolve("o-007.csv"), "id,qty\n7,1\n7,2\n7,3\n");
        Read next = read(s, "orders", nothing.offset(), 50);
        assertThat(next.rows().stream().map(r -> (String) r[2]).distinct().sorted().toList()).hasSize(11)
                .contains("orders/o-007.csv", "orders/o-100.csv", "orders/o-109.csv");
        assertThat(next.rows()).hasSize(23);
    }

    @Test
    void aNewerFileDoesNotChangeTheInferredColumns() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Path old = Files.writeString(t.resolve("b.csv"), "id,name\n1,one\n3,three\n5,five\n");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(3600)));
        FilesSettings s = local("csv", Map.of("sample_rows", 3));
        Read first = read(s, "t", null, 10);
        assertThat(first.rows()).extracting(r -> r[0]).containsExactly(1L, 3L, 5L);

        // sorts before b.csv by path, but is newer: the sample (3 rows) is taken from the older file first
        Files.writeString(t.resolve("a.csv"), "id,name\nx,bad\n2,two\n");
        Read next = read(s, "t", first.offset(), 10);
        assertThat(next.rows()).extracting(r -> r[0]).containsExactly(2L);
        assertThat(next.unreadable()).extracting(UnreadableRecord::reason)
                .containsExactly("t/a.csv line 2: 'x' is not a int64 (column id)");
    }

    @Test
    void aFolderWithAManifestIsReadAsTheManifestListsIt() throws Exception {
        Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false));
        FilesSettings s = local("jsonl", Map.of());
        FilesWriterTest.write(s, schema, WriteMode.REPLACE, "r1", List.<Object[]>of(new Object[] {1L}, new Object[] {2L}));
        // a replace run that has published files but not switched the manifest yet, and a file no run listed
        Files.writeString(Files.createDirectories(dir.resolve("t/run-r2")).resolve("part-r2-x-00000.jsonl"), "{\"id\": 3}\n");
        Files.writeString(dir.resolve("t/part-dead-00000.jsonl"), "{\"id\": 4}\n");
        assertThat(read(s, "t", null, 10).rows()).extracting(r -> r[0]).containsExactly(1L, 2L);

        FilesWriterTest.write(s, schema, WriteMode.REPLACE, "r3", List.<Object[]>of(new Object[] {5L}));
        assertThat(read(s, "t", null, 10).rows()).extracting(r -> r[0]).containsExactly(5L);
    }

    @Test
    void onlyTheGlobsLiteralFoldersAreListed() {
        assertThat(SourceStream.literalFolder("orders/2024/*.csv")).isEqualTo("orders/2024");
        assertThat(SourceStream.literalFolder("orders/*.csv")).isEqualTo("orders");
        assertThat(SourceStream.literalFolder("orders/**")).isEqualTo("orders");
        assertThat(SourceStream.literalFolder("*/x.csv")).isEmpty();
        assertThat(SourceStream.literalFolder("o{a,b}/x.csv")).isEmpty();
        assertThat(SourceStream.literalFolder("**")).isEmpty();
        assertThat(SourceStream.literalFolder("a.csv")).isEmpty();
    }

    @Test
    void aReadResumedFromABatchOffsetNeitherSkipsNorRepeats() throws Exception {
        Path orders = Files.createDirectories(dir.resolve("orders"));
        for (int f = 0; f < 3; f++) {
            StringBuilder csv = new StringBuilder("id\n");
            for (int i = 0; i < 10; i++) {
                csv.append(f * 10 + i).append('\n');
            }
            Files.writeString(orders.resolve("o-" + f + ".csv"), csv);
        }
        FilesSettings s = local("csv", Map.of());
        List<Long> ids = new ArrayList<>();
        Offset offset = null;
        TestContext context = new TestContext("r");
        try (FilesSession session = new FilesSession(s);
             StreamReader reader = session.openReader(ReadRequest.builder(new StreamId("", "orders")).batchSize(7).build(),
                     Split.WHOLE, context)) {
            for (int b = 0; b < 2; b++) {
                RecordBatch batch = reader.poll();
                batch.rows().forEach(r -> ids.add((Long) r[0]));
                offset = batch.offsetAfter();
            }
        }
        assertThat(offset.get("file")).isEqualTo("orders/o-1.csv");
        assertThat(offset.get("records")).isEqualTo(4L);
        read(s, "orders", offset, 7).rows().forEach(r -> ids.add((Long) r[0]));
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void unreadableRecordsCarryTheFileAndLineAndTheRestIsRead() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("a.csv"), "id,qty\n1,10\n2,\"multi\nline\"\n3,30\n4,x\n5,50,extra\n6,60\n",
                StandardCharsets.UTF_8);
        Files.writeString(t.resolve("b.jsonl"), "{\"id\": 1, \"qty\": 10}\n{\"id\": 2, \"qty\": 20\n\n{\"id\": 3, \"qty\": \"x\"}\n"
                + "[1]\n{\"id\": 5, \"qty\": 50}\n", StandardCharsets.UTF_8);
        Map<String, Object> typed = Map.of("columns", List.of("id int64", "qty int32"));

        Read csv = read(local("csv", typed), "t", null, 100);
        assertThat(csv.rows().stream().map(r -> r[0]).toList()).containsExactly(1L, 3L, 6L);
        assertThat(csv.unreadable().stream().map(UnreadableRecord::reason).toList()).containsExactly(
                "t/a.csv line 3: 'multi\nline' is not a int32 (column qty)",
                "t/a.csv line 6: 'x' is not a int32 (column qty)",
                "t/a.csv line 7: 3 fields where the header has 2");
        assertThat(csv.unreadable().get(1).values()).containsEntry("_file", "t/a.csv").containsEntry("_line", 6L)
                .containsEntry("_row", 4L).containsEntry("_text", "4,x");
        assertThat(csv.context().log).anyMatch(l -> l.contains("unreadable record: t/a.csv line 6"));

        Read json = read(local("jsonl", typed), "t", null, 100);
        assertThat(json.rows().stream().map(r -> r[0]).toList()).containsExactly(1L, 5L);
        assertThat(json.unreadable().stream().map(u -> u.values().get("_line")).toList()).containsExactly(2L, 4L, 5L);
        assertThat(json.unreadable().get(0).reason()).startsWith("t/b.jsonl line 2: not JSON");
        assertThat(json.unreadable().get(2).reason()).isEqualTo("t/b.jsonl line 5: not a JSON object");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsNotPartOfTheFirstName() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.write(t.resolve("excel.csv"), ("\uFEFFid,name\r\n1,\"Zoë\"\r\n").getBytes(StandardCharsets.UTF_8));
        FilesSettings s = local("csv", Map.of());
        try (FilesSession session = new FilesSession(s)) {
            assertThat(session.discover().get(0).schema().names()).startsWith("id", "name");
        }
        assertThat(read(s, "t", null, 10).rows()).extracting(r -> r[0], r -> r[1]).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, "Zoë"));
    }

    @Test
    void aBrokenQuoteLosesTheRestOfThatFileOnly() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("a.csv"), "id\n1\n\"2\"x\n3\n");
        Files.writeString(t.resolve("b.csv"), "id\n4\n");
        Read read = read(local("csv", Map.of("columns", List.of("id int64"))), "t", null, 100);
        assertThat(read.rows().stream().map(r -> r[0]).toList()).containsExactly(1L, 4L);
        assertThat(read.unreadable()).hasSize(1);
        assertThat(read.unreadable().get(0).reason()).startsWith("t/a.csv broken CSV after line 2");
    }

    @Test
    void jsonLinesAndParquetFromTheDestinationReadBackWithTheirTypes() throws Exception {
        Schema types = FilesWriterTest.TYPES;
        List<Object[]> rows = List.of(FilesWriterTest.typedRow(1), FilesWriterTest.typedRow(2));
        for (String format : List.of("parquet", "jsonl")) {
            Path sub = Files.createDirectories(dir.resolve(format));
            Map<String, Object> config = new HashMap<>(Map.of("location", sub.toUri().toString(), "format", format));
            FilesSettings s = FilesWriterTest.settings(config);
            FilesWriterTest.write(s, types, WriteMode.APPEND, "r1", rows);
            StreamDescriptor d;
            try (FilesSession session = new FilesSession(s)) {
                d = session.discover().get(0);
            }
            Read read = read(s, "t", null, 10);
            assertThat(read.unreadable()).as(format).isEmpty();
            assertThat(read.rows()).hasSize(2);
            Object[] got = Arrays.copyOf(read.rows().get(0), types.size());
            if (format.equals("parquet")) {
                assertThat(d.schema().fields().subList(0, types.size()).stream().map(f -> f.type().toString()).toList())
                        .containsExactly("int64", "int16", "decimal(12,2)", "decimal(30,5)", "timestamp", "timestamptz",
                                "date", "time", "uuid", "string", "string", "boolean", "float64");
                Object[] want = FilesWriterTest.typedRow(1);
                assertThat(got).as(format).isEqualTo(want);
            } else {
                // JSON Lines has no types: numbers, text that looks like dates and times, nested JSON
                assertThat(d.schema().fields().subList(0, types.size()).stream().map(f -> f.name() + " " + f.type()).toList())
                        .containsExactly("id int64", "small int64", "amount decimal", "big decimal", "ts timestamp",
                                "tstz timestamptz", "day date", "at time", "uid uuid", "doc json", "name string",
                                "ok boolean", "ratio decimal");
                assertThat(got[2]).isEqualTo(new BigDecimal("1234567890.12"));
                assertThat(got[9]).isEqualTo("{\"a\":[1,2]}");
                assertThat(got[7]).isEqualTo(java.time.LocalTime.of(23, 59, 58, 999_999_000));
                assertThat(got[10]).isEqualTo("naïve 😀");
            }
        }
    }
}

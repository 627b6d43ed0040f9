package io.arus.transform.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformException;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The python step against a real python3. */
class PythonTransformTest {
    private static final Schema ITEMS = Schema.of(
            Field.of("id", LogicalType.INT64, false),
            Field.of("name", LogicalType.STRING, true),
            Field.of("price", LogicalType.decimal(12, 2), true));

    private final PythonTransform transform = new PythonTransform();
    private final RecordingContext context = new RecordingContext();
    private final List<TransformStep> opened = new ArrayList<>();

    @AfterEach
    void closeSteps() {
        opened.forEach(TransformStep::close);
    }

    private TransformStep open(Schema input, Map<String, Object> values) throws ConfigException {
        Config config = transform.descriptor().config().resolve(values);
        TransformStep step = transform.open(config, input, context);
        opened.add(step);
        return step;
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static RecordBatch batch(Schema schema, Object[]... rows) {
        return RecordBatch.of(schema, List.of(rows), null);
    }

    @Test
    void derivesColumnsAndKeepsTheOffset() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code", """
                def transform(rows):
                    for r in rows:
                        r["upper"] = r["name"].upper()
                        r["gross"] = r["price"] * 2
                    return rows
                """, "columns", ordered("upper", "string", "gross", "decimal(14,2)")));
        assertThat(step.outputSchema().names()).containsExactly("id", "name", "price", "upper", "gross");
        assertThat(step.outputSchema().field(4).type()).isEqualTo(LogicalType.decimal(14, 2));
        Offset offset = Offset.of(Map.of("id", 2L));
        TransformResult result = step.apply(RecordBatch.of(ITEMS,
                List.of(new Object[] {1L, "ab", new BigDecimal("1.25")}, new Object[] {2L, "cd", new BigDecimal("0.10")}),
                offset));
        assertThat(result.batch().offsetAfter()).isEqualTo(offset);
        assertThat(result.batch().rows()).containsExactly(
                new Object[] {1L, "ab", new BigDecimal("1.25"), "AB", new BigDecimal("2.50")},
                new Object[] {2L, "cd", new BigDecimal("0.10"), "CD", new BigDecimal("0.20")});
        assertThat(step.lineage(ITEMS)).containsEntry("id", List.of("id"))
                .containsEntry("upper", List.of("id", "name", "price"));
    }

    @Test
    void rowsLeftOutAreCountedAsFilteredAndMissingKeysAreNull() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code",
                "def transform(rows):\n    return [{'id': r['id']} for r in rows if r['id'] % 2 == 0]\n"));
        TransformResult result = step.apply(batch(ITEMS, new Object[] {1L, "a", null}, new Object[] {2L, "b", null},
                new Object[] {3L, "c", null}));
        assertThat(result.filtered()).isEqualTo(2);
        assertThat(result.batch().rows()).containsExactly(new Object[] {2L, null, null});
    }

    @Test
    void anUndeclaredKeyFailsTheBatchNamingIt() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code",
                "def transform(rows):\n    return [dict(r, extra=1) for r in rows]\n"));
        assertThatThrownBy(() -> step.apply(batch(ITEMS, new Object[] {1L, "a", null})))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("'extra'").hasMessageContaining("declare it in columns");
    }

    @Test
    void anExceptionGivesThePythonTraceback() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code", """
                def helper(r):
                    raise ValueError("bad row %d" % r["id"])

                def transform(rows):
                    return [helper(r) for r in rows]
                """));
        assertThatThrownBy(() -> step.apply(batch(ITEMS, new Object[] {7L, "a", null})))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("Traceback (most recent call last)")
                .hasMessageContaining("in helper")
                .hasMessageContaining("ValueError: bad row 7");
    }

    @Test
    void aSyntaxErrorIsRefusedAtOpenOnCode() {
        assertThatThrownBy(() -> open(ITEMS, Map.of("code", "def transform(rows):\n    return rows +\n")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).violations().get(0).field()).isEqualTo("code"))
                .hasMessageContaining("SyntaxError");
    }

    @Test
    void checkRefusesEmptyCodeCodeWithoutTransformBadTypesAndBadVariables() throws Exception {
        Config config = transform.descriptor().config().resolve(Map.of("code", "def other(rows):\n    return rows\n",
                "columns", ordered("x", "decimal(", "y", "int64"), "environment", Map.of("1BAD", "v")));
        assertThatThrownBy(() -> transform.check(config)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).violations()).extracting(v -> v.field())
                        .containsExactly("code", "columns.x", "environment.1BAD"));
        Config blank = Config.of(transform.descriptor().config(), Map.of("code", "  "));
        assertThatThrownBy(() -> transform.check(blank)).hasMessageContaining("code: is empty");
    }

    @Test
    void aRunnerKilledMidBatchFailsWithItsExitCode() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code", """
                import os, signal
                def transform(rows):
                    os.kill(os.getpid(), signal.SIGKILL)
                """));
        assertThatThrownBy(() -> step.apply(batch(ITEMS, new Object[] {1L, "a", null})))
                .isInstanceOf(TransformException.class)
                .hasMessage("python runner exited with code 137 while transforming a batch");
    }

    @Test
    void aBatchPastTheTimeoutKillsTheRunner() throws Exception {
        TransformStep step = open(ITEMS, Map.of("timeout_seconds", 1, "code", """
                import time
                def transform(rows):
                    time.sleep(30)
                    return rows
                """));
        long start = System.nanoTime();
        assertThatThrownBy(() -> step.apply(batch(ITEMS, new Object[] {1L, "a", null})))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("timed out after 1 s");
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(5);
    }

    @Test
    void aStoppedRunKillsTheRunnerWithoutWaitingForTheTimeout() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code", """
                import time
                def transform(rows):
                    time.sleep(30)
                    return rows
                """));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            context.stopped = true;
        });
        stopper.start();
        long start = System.nanoTime();
        assertThatThrownBy(() -> step.apply(batch(ITEMS, new Object[] {1L, "a", null})))
                .isInstanceOf(TransformException.class)
                .hasMessage("python runner killed while transforming a batch: the run was stopped");
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(5);
    }

    @Test
    void anAnswerThatIsNotAListOfDictsFailsWithTheReason() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code", "def transform(rows):\n    return [r['id'] for r in rows]\n"));
        assertThatThrownBy(() -> step.apply(batch(ITEMS, new Object[] {1L, "a", null})))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("TypeError: transform(rows) returned a value of type int at index 0; each row must be a dict");
    }

    @Test
    void theRunnerSeesOnlyTheConfiguredEnvironment() throws Exception {
        TransformStep step = open(ITEMS, Map.of("environment", Map.of("REGION", "eu", "LEVEL", "3"),
                "columns", Map.of("env", "json"), "code", """
                import json, os
                def transform(rows):
                    return [dict(r, env=json.dumps(dict(os.environ), sort_keys=True)) for r in rows]
                """));
        TransformResult result = step.apply(batch(ITEMS, new Object[] {1L, "a", null}));
        assertThat(result.batch().rows().get(0)[3]).isEqualTo(
                "{\"LANG\": \"C.UTF-8\", \"LEVEL\": \"3\", \"PATH\": \"/usr/bin:/bin\", \"REGION\": \"eu\"}");
    }

    @Test
    void typesRoundTrip() throws Exception {
        Schema all = Schema.of(
                Field.of("b", LogicalType.BOOLEAN, true), Field.of("s16", LogicalType.INT16, true),
                Field.of("i32", LogicalType.INT32, true), Field.of("f32", LogicalType.FLOAT32, true),
                Field.of("f64", LogicalType.FLOAT64, true), Field.of("dec", LogicalType.decimal(30, 10), true),
                Field.of("bytes", LogicalType.BYTES, true), Field.of("d", LogicalType.DATE, true),
                Field.of("t", LogicalType.TIME, true), Field.of("ts", LogicalType.TIMESTAMP, true),
                Field.of("tz", LogicalType.TIMESTAMPTZ, true), Field.of("u", LogicalType.UUID, true),
                Field.of("j", LogicalType.JSON, true), Field.of("arr", LogicalType.array(LogicalType.DATE), true),
                Field.of("nothing", LogicalType.STRING, true));
        Object[] row = {true, (short) -3, 70_000, 1.5f, Double.NaN, new BigDecimal("12345678901234567890.0123456789"),
            new byte[] {0, 1, (byte) 255}, LocalDate.of(2024, 2, 29), LocalTime.of(23, 59, 58, 123_456_000),
            LocalDateTime.of(1999, 12, 31, 0, 0), Instant.parse("2024-05-06T07:08:09.5Z"),
            UUID.fromString("0b8f4a54-2d51-4f46-9e9a-9a5c0d7c1f00"), "{\"a\": [1, 2]}",
            List.of(LocalDate.of(2020, 1, 1)), null};
        TransformStep step = open(all, Map.of("columns", Map.of("kinds", "string"), "code", """
                def transform(rows):
                    for r in rows:
                        r["kinds"] = ",".join(type(r[k]).__name__ for k in ("dec", "bytes", "d", "t", "ts", "tz", "u"))
                    return rows
                """));
        Object[] out = step.apply(batch(all, row)).batch().rows().get(0);
        Object[] expected = java.util.Arrays.copyOf(row, row.length + 1);
        expected[expected.length - 1] = "Decimal,bytes,date,time,datetime,datetime,UUID";
        assertThat(out).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] instanceof byte[] bytes) {
                assertThat((byte[]) out[i]).containsExactly(bytes);
            } else {
                assertThat(out[i]).as(i < all.size() ? all.field(i).name() : "kinds").isEqualTo(expected[i]);
            }
        }
    }

    @Test
    void pythonValuesAreConvertedToTheDeclaredTypes() throws Exception {
        TransformStep step = open(ITEMS, Map.of("columns", ordered("when", "timestamptz", "day", "date",
                "doc", "json", "n", "int32", "price", "string"), "code", """
                import datetime
                def transform(rows):
                    for r in rows:
                        r["when"] = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
                        r["day"] = datetime.date(2024, 1, 2)
                        r["doc"] = {"k": [1, None]}
                        r["n"] = 42
                        r["price"] = str(r["price"])
                    return rows
                """));
        Object[] out = step.apply(batch(ITEMS, new Object[] {1L, null, new BigDecimal("9.90")})).batch().rows().get(0);
        assertThat(out).containsExactly(1L, null, "9.90", Instant.parse("2024-01-02T01:04:05Z"),
                LocalDate.of(2024, 1, 2), "{\"k\":[1,null]}", 42);
    }

    @Test
    void aValueOfTheWrongTypeFailsTheBatchNamingTheColumn() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code",
                "def transform(rows):\n    return [dict(r, id='x') for r in rows]\n"));
        assertThatThrownBy(() -> step.apply(batch(ITEMS, new Object[] {1L, "a", null})))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("column 'id' (int64) in row 0");
    }

    @Test
    void stderrReachesTheRunLogAndPrintsDoNotBreakTheFrames() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code", """
                import sys
                def transform(rows):
                    print("printed %d rows" % len(rows))
                    sys.stderr.write("warned\\n")
                    return rows
                """));
        TransformResult result = step.apply(batch(ITEMS, new Object[] {1L, "a", null}));
        assertThat(result.batch().rows()).hasSize(1);
        step.close();
        assertThat(context.lines).contains("python: printed 1 rows", "python: warned");
    }

    @Test
    void closeEndsTheRunner() throws Exception {
        TransformStep step = open(ITEMS, Map.of("code", "def transform(rows):\n    return rows\n"));
        long before = ProcessHandle.current().children().count();
        step.close();
        assertThat(ProcessHandle.current().children().count()).isLessThan(before);
    }

    @Test
    void tenThousandRowBatchesGoThroughQuickly() throws Exception {
        TransformStep step = open(ITEMS, Map.of("columns", Map.of("total", "decimal(14,2)"), "code", """
                def transform(rows):
                    for r in rows:
                        r["total"] = r["price"] * 3
                    return rows
                """));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            rows.add(new Object[] {i, "name " + i, BigDecimal.valueOf(i, 2)});
        }
        RecordBatch batch = RecordBatch.of(ITEMS, rows, null);
        step.apply(batch);
        long start = System.nanoTime();
        int batches = 5;
        Map<Long, BigDecimal> last = new HashMap<>();
        for (int b = 0; b < batches; b++) {
            for (Object[] out : step.apply(batch).batch().rows()) {
                last.put((Long) out[0], (BigDecimal) out[3]);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("python step: %.0f rows/s%n", batches * 10_000 / seconds);
        assertThat(last).hasSize(10_000).containsEntry(9_999L, new BigDecimal("299.97"));
    }
}

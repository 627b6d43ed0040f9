package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.ConflictException;
import io.arus.core.store.DeadLetter;
import io.arus.core.store.DeadLetterStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DeadLetterStore} does, on the database of the subclass. */
abstract class DeadLetterStoreContract extends DatabaseTest {
    DeadLetterStore letters;
    String pipeline;
    String run;

    @BeforeEach
    void createStorePipelineAndRun() throws ConflictException {
        letters = new JpaDeadLetterStore(persistence, clock);
        pipeline = TestPipelines.create(persistence, clock, "orders").id();
        run = new JpaRunStore(persistence, clock).create(pipeline, "manual").id();
    }

    @Test
    void addedDeadLetterKeepsItsValuesAndIsFoundById() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", 42);
        values.put("big", 9_007_199_254_740_993L);
        values.put("amount", new BigDecimal("12345678901234567890.1234567890"));
        values.put("note", "x".repeat(300));
        values.put("active", true);
        values.put("deleted_at", null);
        values.put("tags", List.of("a", 1, false));
        values.put("payload", Map.of("nested", Map.of("k", "v")));

        DeadLetter letter = letters.add(run, pipeline, "public.orders", "value too long for column note", values);

        assertThat(letter).extracting(DeadLetter::runId, DeadLetter::pipelineId, DeadLetter::stream,
                        DeadLetter::reason, DeadLetter::values, DeadLetter::createdAt, DeadLetter::replayedAt)
                .containsExactly(run, pipeline, "public.orders", "value too long for column note", values,
                        clock.instant(), null);
        assertThat(letters.byId(letter.id())).contains(letter);
        assertThat(letters.byId("no-such-id")).isEmpty();
    }

    @Test
    void aRowATransformRejectedKeepsTheStepADestinationRejectHasNone() {
        DeadLetter step = letters.add(run, pipeline, "public.orders", "price: 'abc' is not a decimal(12,2)",
                Map.of("price", "abc"), 2, "cast");
        DeadLetter destination = letters.add(run, pipeline, "public.orders", "value too long", Map.of("note", "x"));

        assertThat(letters.byId(step.id()).orElseThrow()).extracting(DeadLetter::stepIndex, DeadLetter::stepType)
                .containsExactly(2, "cast");
        assertThat(letters.byId(destination.id()).orElseThrow()).extracting(DeadLetter::stepIndex, DeadLetter::stepType)
                .containsExactly(null, null);
    }

    @Test
    void aRowRejectedAgainOnReplayKeepsTheNewReasonAndStep() {
        DeadLetter letter = letters.add(run, pipeline, "public.orders", "old reason", Map.of("price", "abc"), 0, "cast");

        letters.rejectedAgain(letter.id(), "price: still not a number", 1, "filter");

        assertThat(letters.byId(letter.id()).orElseThrow())
                .extracting(DeadLetter::reason, DeadLetter::stepIndex, DeadLetter::stepType, DeadLetter::replayedAt)
                .containsExactly("price: still not a number", 1, "filter", null);
        assertThatThrownBy(() -> letters.rejectedAgain("no-such-id", "r", 0, "cast"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsComeBackWithEveryDigitAndWholeOnesAsEqualNumbers() {
        Map<String, Object> values = Map.of("price", new BigDecimal("0.10"), "tiny", new BigDecimal("1E-30"),
                "whole", new BigDecimal("100"), "huge", new BigDecimal("123456789012345678901234567890"));

        Map<String, Object> read = letters.byId(letters.add(run, pipeline, "s", "r", values).id())
                .orElseThrow().values();

        assertThat(read.get("price")).isEqualTo(new BigDecimal("0.10"));
        assertThat(read.get("tiny")).isEqualTo(new BigDecimal("1E-30"));
        assertThat(new BigDecimal(read.get("whole").toString())).isEqualTo(new BigDecimal("100"));
        assertThat(new BigDecimal(read.get("huge").toString()))
                .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThatThrownBy(() -> letters.add(run, pipeline, "s", "r", Map.of("thread", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(letters.count(run)).isZero();
    }

    @Test
    void aRunsDeadLettersAreOldestFirstPageByPage() {
        String otherRun = new JpaRunStore(persistence, clock).create(pipeline, "manual").id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(letters.add(run, pipeline, "public.orders", "bad row " + i, Map.of("i", i)).id());
            letters.add(otherRun, pipeline, "public.orders", "other", Map.of());
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(letters.byRun(run, 2, 1)).extracting(DeadLetter::id).containsExactly(ids.get(1), ids.get(2));
        assertThat(letters.byRun(run, 10, 0)).extracting(DeadLetter::id).containsExactlyElementsOf(ids);
        assertThat(letters.byRun(run, 0, 0)).isEmpty();
        assertThat(letters.count(run)).isEqualTo(5);
        assertThat(letters.count("no-such-run")).isZero();
    }

    @Test
    void pendingAreAPipelinesNotYetReplayedDeadLettersOldestFirst() throws ConflictException {
        String otherPipeline = TestPipelines.create(persistence, clock, "customers").id();
        String first = letters.add(run, pipeline, "s", "r", Map.of()).id();
        clock.advance(Duration.ofSeconds(1));
        String second = letters.add(run, pipeline, "s", "r", Map.of()).id();
        clock.advance(Duration.ofSeconds(1));
        String third = letters.add(run, pipeline, "s", "r", Map.of()).id();
        letters.add(run, otherPipeline, "s", "r", Map.of());
        Instant replayedAt = Instant.parse("2025-06-01T12:00:00.123456789Z");

        letters.replayed(second, replayedAt);

        assertThat(letters.pending(pipeline, 10)).extracting(DeadLetter::id).containsExactly(first, third);
        assertThat(letters.pending(pipeline, 1)).extracting(DeadLetter::id).containsExactly(first);
        assertThat(letters.pending(pipeline, 0)).isEmpty();
        assertThat(letters.byId(second).orElseThrow().replayedAt())
                .isEqualTo(Instant.parse("2025-06-01T12:00:00.123456Z"));
    }

    @Test
    void replayingAnUnknownDeadLetterFails() {
        assertThatThrownBy(() -> letters.replayed("no-such-id", clock.instant()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-id");
    }
}

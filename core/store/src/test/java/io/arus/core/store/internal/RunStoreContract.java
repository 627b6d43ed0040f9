package io.arus.core.store.internal;

import static io.arus.core.store.RunStatus.CANCELLED;
import static io.arus.core.store.RunStatus.FAILED;
import static io.arus.core.store.RunStatus.INTERRUPTED;
import static io.arus.core.store.RunStatus.PAUSED;
import static io.arus.core.store.RunStatus.QUEUED;
import static io.arus.core.store.RunStatus.RUNNING;
import static io.arus.core.store.RunStatus.SUCCEEDED;
import static io.arus.core.store.RunStatus.SUCCEEDED_WITH_WARNINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.arus.core.store.ConflictException;
import io.arus.core.store.LogFilter;
import io.arus.core.store.Run;
import io.arus.core.store.RunFilter;
import io.arus.core.store.RunLogLine;
import io.arus.core.store.RunModel;
import io.arus.core.store.RunSample;
import io.arus.core.store.RunStatistics;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunStream;
import io.arus.core.store.RunTotals;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RunStore} does, on the database of the subclass. */
abstract class RunStoreContract extends DatabaseTest {
    RunStore runs;
    String pipeline;

    @BeforeEach
    void createStoreAndPipeline() throws ConflictException {
        runs = new JpaRunStore(persistence, clock);
        pipeline = TestPipelines.create(persistence, clock, "orders").id();
    }

    @Test
    void createQueuesARunStampedNow() {
        Run run = runs.create(pipeline, "manual");

        assertThat(run).extracting(Run::pipelineId, Run::status, Run::trigger, Run::createdAt, Run::startedAt,
                        Run::endedAt, Run::error)
                .containsExactly(pipeline, QUEUED, "manual", clock.instant(), null, null, null);
        assertThat(runs.byId(run.id())).contains(run);
        assertThat(runs.byId("no-such-id")).isEmpty();
    }

    @Test
    void statisticsCountRunsByStatusSumRowsPerUtcDayAndNameTheSlowestStreams() {
        Instant now = clock.instant();
        String yesterday = runs.create(pipeline, "schedule").id();
        runs.saveStream(new RunStream(yesterday, "s.a", SUCCEEDED, 100, 90, 0, 0, 5_000, null, null));
        runs.saveStream(new RunStream(yesterday, "s.b", SUCCEEDED, 10, 10, 0, 0, 9_000, null, null));
        runs.setStatus(yesterday, SUCCEEDED, null, now.minus(Duration.ofDays(1)));
        String today = runs.create(pipeline, "api").id();
        runs.saveStream(new RunStream(today, "s.a", FAILED, 7, 7, 0, 0, 1_000, "boom", null));
        runs.setStatus(today, FAILED, "boom", now);
        String old = runs.create(pipeline, "api").id();
        runs.saveStream(new RunStream(old, "s.a", SUCCEEDED, 1, 1, 0, 0, 99_000, null, null));
        runs.setStatus(old, SUCCEEDED, null, now.minus(Duration.ofDays(30)));

        RunStatistics stats = runs.statistics(now.minusSeconds(60), now.minus(Duration.ofDays(14)), 2);

        assertThat(stats.runsByStatus()).isEqualTo(Map.of("succeeded", 2L, "failed", 1L));
        LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(stats.rowsPerDay()).containsExactly(Map.entry(day.minusDays(1), 100L),
                Map.entry(day, 7L));
        assertThat(stats.slowestStreams()).extracting(RunStatistics.SlowStream::stream, RunStatistics.SlowStream::durationMs)
                .containsExactly(tuple("s.b", 9_000L), tuple("s.a", 5_000L));
    }

    @Test
    void createForAnUnknownPipelineFails() {
        assertThatThrownBy(() -> runs.create("no-such-pipeline", "manual"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-pipeline");
    }

    @Test
    void statusStampsTheFirstStartAndEveryEnd() {
        String run = runs.create(pipeline, "schedule").id();
        Instant started = Instant.parse("2025-06-01T10:00:00.123456789Z");
        Instant micros = Instant.parse("2025-06-01T10:00:00.123456Z");

        runs.setStatus(run, RUNNING, null, started);
        runs.setStatus(run, PAUSED, null, started.plusSeconds(10));
        assertThat(runs.byId(run).orElseThrow()).extracting(Run::status, Run::startedAt, Run::endedAt)
                .containsExactly(PAUSED, micros, null);

        runs.setStatus(run, RUNNING, null, started.plusSeconds(20));
        runs.setStatus(run, FAILED, "destination unreachable", started.plusSeconds(30));
        assertThat(runs.byId(run).orElseThrow()).extracting(Run::status, Run::startedAt, Run::endedAt, Run::error)
                .containsExactly(FAILED, micros, micros.plusSeconds(30), "destination unreachable");

        // nothing is cleared: the error stays when a later status brings none
        runs.setStatus(run, INTERRUPTED, null, started.plusSeconds(40));
        assertThat(runs.byId(run).orElseThrow()).extracting(Run::status, Run::startedAt, Run::endedAt, Run::error)
                .containsExactly(INTERRUPTED, micros, micros.plusSeconds(40), "destination unreachable");
    }

    @Test
    void aRunCancelledWhileQueuedEndsWithoutAStart() {
        String run = runs.create(pipeline, "api").id();

        runs.setStatus(run, CANCELLED, null, clock.instant());

        assertThat(runs.byId(run).orElseThrow()).extracting(Run::startedAt, Run::endedAt)
                .containsExactly(null, clock.instant());
    }

    @Test
    void statusOfAnUnknownRunFails() {
        assertThatThrownBy(() -> runs.setStatus("no-such-run", RUNNING, null, clock.instant()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-run");
    }

    @Test
    void listsAPipelinesRunsNewestFirstUpToTheLimit() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(runs.create(pipeline, "schedule").id());
            runs.create(other, "schedule");
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(runs.list(pipeline, 3)).extracting(Run::id).containsExactly(ids.get(3), ids.get(2), ids.get(1));
        assertThat(runs.list(pipeline, 10)).hasSize(4);
        assertThat(runs.list(pipeline, 0)).isEmpty();
    }

    @Test
    void answersTheNewestRunOfEveryPipelineInOneCallAndTheNewestRunsOfAll() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        TestPipelines.create(persistence, clock, "never-run");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(runs.create(pipeline, "schedule").id());
            clock.advance(Duration.ofMinutes(1));
            ids.add(runs.create(other, "schedule").id());
            clock.advance(Duration.ofMinutes(1));
        }
        runs.setStatus(ids.get(4), FAILED, "boom", clock.instant());

        Map<String, Run> latest = runs.latestByPipeline();

        assertThat(latest).containsOnlyKeys(pipeline, other);
        assertThat(latest.get(pipeline).id()).isEqualTo(ids.get(4));
        assertThat(latest.get(pipeline).status()).isEqualTo(FAILED);
        assertThat(latest.get(other).id()).isEqualTo(ids.get(5));
        assertThat(runs.recent(3)).extracting(Run::id).containsExactly(ids.get(5), ids.get(4), ids.get(3));
        assertThat(runs.recent(0)).isEmpty();
    }

    @Test
    void findsRunsInAnyOfSomeStatusesOldestFirst() {
        String first = runs.create(pipeline, "schedule").id();
        clock.advance(Duration.ofSeconds(1));
        String second = runs.create(pipeline, "schedule").id();
        clock.advance(Duration.ofSeconds(1));
        String third = runs.create(pipeline, "schedule").id();
        runs.setStatus(third, RUNNING, null, clock.instant());
        runs.setStatus(first, RUNNING, null, clock.instant());
        runs.setStatus(second, SUCCEEDED, null, clock.instant());

        assertThat(runs.withStatus(List.of(RUNNING, PAUSED))).extracting(Run::id).containsExactly(first, third);
        assertThat(runs.withStatus(List.of(SUCCEEDED))).extracting(Run::id).containsExactly(second);
        assertThat(runs.withStatus(List.of())).isEmpty();
    }

    @Test
    void saveStreamInsertsThenReplacesTheCountersOfOneStream() {
        String run = runs.create(pipeline, "manual").id();
        RunStream orders = new RunStream(run, "public.orders", RUNNING, 1_000, 990, 10, 64_000, 1_500, null, null);
        RunStream customers = new RunStream(run, "public.customers", QUEUED, 0, 0, 0, 0, 0, null, null);
        runs.saveStream(orders);
        runs.saveStream(customers);

        RunStream done = new RunStream(run, "public.orders", FAILED, 5_000_000_000L, 4_999_999_000L, 1_000,
                123_456_789_012L, 61_000, "check failed", "[{\"check\":\"row_count\",\"passed\":false}]");
        runs.saveStream(done);

        assertThat(runs.streams(run)).containsExactly(customers, done);
        assertThat(runs.streams("no-such-run")).isEmpty();
    }

    @Test
    void aRunKeepsItsModelsInTheOrderTheyRanAndASecondSaveReplacesThem() {
        String run = runs.create(pipeline, "manual").id();
        String other = runs.create(pipeline, "manual").id();
        RunModel daily = new RunModel("daily", "table", "succeeded", 5_000_000_000L, 1_250, null);
        RunModel view = new RunModel("v_daily", "view", "succeeded", null, 12, null);
        RunModel broken = new RunModel("broken", "incremental", "failed", null, 40,
                "column \"nope\" does not exist\n  Position: 8");
        RunModel after = new RunModel("after", "table", "skipped", null, 0, "an earlier model failed");
        runs.saveModels(other, List.of(new RunModel("x", "table", "succeeded", 1L, 1, null)));

        runs.saveModels(run, List.of(daily, view, broken, after));

        assertThat(runs.models(run)).containsExactly(daily, view, broken, after);
        runs.saveModels(run, List.of(after, daily));
        assertThat(runs.models(run)).containsExactly(after, daily);
        runs.saveModels(run, List.of());
        assertThat(runs.models(run)).isEmpty();
        assertThat(runs.models(other)).extracting(RunModel::name).containsExactly("x");
        assertThat(runs.models("no-such-run")).isEmpty();
        assertThatThrownBy(() -> runs.saveModels("no-such-run", List.of(daily)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-run");
    }

    @Test
    void writingToAnUnknownRunFailsOnTheForeignKey() {
        RunStream stream = new RunStream("no-such-run", "s", RUNNING, 0, 0, 0, 0, 0, null, null);

        assertThatThrownBy(() -> runs.saveStream(stream)).isInstanceOf(PersistenceException.class);
        assertThatThrownBy(() -> runs.log("no-such-run", clock.instant(), "info", "x"))
                .isInstanceOf(PersistenceException.class);
    }

    @Test
    void logsAreFollowedPageByPageAfterTheLastSeenId() {
        String run = runs.create(pipeline, "manual").id();
        String other = runs.create(pipeline, "manual").id();
        // more lines than one block of preallocated ids, interleaved with another run's
        for (int i = 0; i < 120; i++) {
            runs.log(run, clock.instant(), "info", "line " + i);
            if (i % 3 == 0) {
                runs.log(other, clock.instant(), "debug", "other " + i);
            }
        }

        List<RunLogLine> all = new ArrayList<>();
        long after = 0;
        for (List<RunLogLine> page = runs.logs(run, after, 50); !page.isEmpty(); page = runs.logs(run, after, 50)) {
            all.addAll(page);
            after = page.get(page.size() - 1).id();
        }

        assertThat(all).extracting(RunLogLine::message)
                .containsExactlyElementsOf(IntStream.range(0, 120).mapToObj(i -> "line " + i).toList());
        assertThat(all).extracting(RunLogLine::id).isSorted().doesNotHaveDuplicates();
        assertThat(all).allSatisfy(line -> assertThat(line).extracting(RunLogLine::runId, RunLogLine::at,
                RunLogLine::level).containsExactly(run, clock.instant(), "info"));
        assertThat(runs.logs(run, all.get(118).id(), 50)).extracting(RunLogLine::message).containsExactly("line 119");
        assertThat(runs.logs(run, 0, 0)).isEmpty();
    }

    @Test
    void logLinesKeepMicroseconds() {
        String run = runs.create(pipeline, "manual").id();

        runs.log(run, Instant.parse("2025-06-01T10:00:00.123456789Z"), "warn", "slow batch");

        assertThat(runs.logs(run, 0, 10)).singleElement().extracting(RunLogLine::at)
                .isEqualTo(Instant.parse("2025-06-01T10:00:00.123456Z"));
    }

    @Test
    void aRunEndsSucceededWithWarningsAndCountsAsSuccessful() {
        String run = runs.create(pipeline, "schedule").id();
        runs.setStatus(run, RUNNING, null, clock.instant());

        runs.setStatus(run, SUCCEEDED_WITH_WARNINGS, null, clock.instant());
        runs.saveStream(new RunStream(run, "public.orders", SUCCEEDED_WITH_WARNINGS, 10, 8, 2, 0, 100, 5, null, null,
                null));

        assertThat(runs.byId(run).orElseThrow()).extracting(Run::status, Run::endedAt)
                .containsExactly(SUCCEEDED_WITH_WARNINGS, clock.instant());
        assertThat(runs.streams(run)).extracting(RunStream::status).containsExactly(SUCCEEDED_WITH_WARNINGS);
        assertThat(runs.withStatus(List.of(SUCCEEDED_WITH_WARNINGS))).extracting(Run::id).containsExactly(run);
        assertThat(SUCCEEDED_WITH_WARNINGS.isFinal()).isTrue();
        assertThat(SUCCEEDED_WITH_WARNINGS.isSuccessful()).isTrue();
        assertThat(SUCCEEDED_WITH_WARNINGS.id()).isEqualTo("succeeded_with_warnings");
        assertThat(runs.statistics(clock.instant().minusSeconds(60), clock.instant().minusSeconds(60), 1)
                .runsByStatus()).containsEntry("succeeded_with_warnings", 1L);
    }

    @Test
    void streamsKeepRowsDeletedAndTheSchemaChangesTheySaw() {
        String run = runs.create(pipeline, "manual").id();
        String changes = "[{\"kind\":\"column_added\",\"column\":\"note\",\"detail\":\"note VARCHAR\"}]";
        RunStream stream = new RunStream(run, "public.orders", SUCCEEDED, 100, 90, 0, 7, 4_000, 30, null, null, changes);

        runs.saveStream(stream);

        assertThat(runs.streams(run)).containsExactly(stream);
        assertThat(runs.streams(run).get(0)).extracting(RunStream::rowsDeleted, RunStream::schemaChanges)
                .containsExactly(7L, changes);
        // the constructor of before 1.4 deletes nothing
        assertThat(new RunStream(run, "s", SUCCEEDED, 1, 1, 0, 0, 0, null, null).rowsDeleted()).isZero();
    }

    @Test
    void streamsKeepTheRowsTheirTransformsFiltered() {
        String run = runs.create(pipeline, "manual").id();
        RunStream stream = new RunStream(run, "public.orders", SUCCEEDED, 100, 60, 0, 0, 4_000, 30, null, null, null, 40);

        runs.saveStream(stream);

        assertThat(runs.streams(run).get(0).rowsFiltered()).isEqualTo(40);
        // the constructor of before 1.6 filters nothing
        assertThat(new RunStream(run, "s", SUCCEEDED, 1, 1, 0, 0, 0, 0, null, null, null).rowsFiltered()).isZero();
    }

    @Test
    void changeCaptureStreamsKeepTheirLagAndEventsPerSecondOthersNone() {
        String run = runs.create(pipeline, "manual").id();
        RunStream following = new RunStream(run, "public.orders", RUNNING, 5_000, 5_000, 0, 12, 400_000, 60_000, null,
                null, null, 0, 3_221_225_472L, 1_250L, 812.5);
        RunStream plain = new RunStream(run, "public.customers", SUCCEEDED, 10, 10, 0, 0, 100, 5, null, null, null, 0);

        runs.saveStream(following);
        runs.saveStream(plain);
        // saved again a second later, caught up: the latest values replace the earlier ones
        RunStream caughtUp = new RunStream(run, "public.orders", RUNNING, 5_100, 5_100, 0, 12, 408_000, 61_000, null,
                null, null, 0, 0L, 0L, 100.0);
        runs.saveStream(caughtUp);

        assertThat(runs.streams(run)).containsExactly(plain, caughtUp);
        assertThat(runs.streams(run).get(1)).extracting(RunStream::lagBytes, RunStream::lagMs,
                RunStream::eventsPerSecond).containsExactly(0L, 0L, 100.0);
        assertThat(runs.streams(run).get(0)).extracting(RunStream::lagBytes, RunStream::lagMs,
                RunStream::eventsPerSecond).containsExactly(null, null, null);
        runs.saveStream(following);
        assertThat(runs.streams(run).get(1).lagBytes()).as("more than 2^31 bytes").isEqualTo(3_221_225_472L);
        assertThat(runs.streams(run).get(1).eventsPerSecond()).isEqualTo(812.5);
    }

    @Test
    void findsRunsByPipelineStatusTriggerAndCreationTimeNewestFirst() throws ConflictException {
        String other = TestPipelines.create(persistence, clock, "customers").id();
        Instant start = clock.instant();
        String scheduled = runs.create(pipeline, "schedule").id();
        runs.setStatus(scheduled, FAILED, "boom", clock.instant());
        clock.advance(Duration.ofMinutes(1));
        String manual = runs.create(pipeline, "manual").id();
        runs.setStatus(manual, SUCCEEDED_WITH_WARNINGS, null, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        String otherRun = runs.create(other, "schedule").id();
        clock.advance(Duration.ofMinutes(1));
        String newest = runs.create(pipeline, "schedule").id();

        assertThat(runs.find(RunFilter.ALL, 10, 0)).extracting(Run::id)
                .containsExactly(newest, otherRun, manual, scheduled);
        assertThat(runs.find(new RunFilter(pipeline, null, null, null, null), 10, 0)).extracting(Run::id)
                .containsExactly(newest, manual, scheduled);
        assertThat(runs.find(new RunFilter(null, SUCCEEDED_WITH_WARNINGS, null, null, null), 10, 0))
                .extracting(Run::id).containsExactly(manual);
        assertThat(runs.find(new RunFilter(pipeline, null, "schedule", null, null), 10, 0)).extracting(Run::id)
                .containsExactly(newest, scheduled);
        assertThat(runs.find(new RunFilter(null, null, null, start.plusSeconds(60), start.plusSeconds(180)), 10, 0))
                .extracting(Run::id).containsExactly(otherRun, manual);
        assertThat(runs.find(RunFilter.ALL, 2, 1)).extracting(Run::id).containsExactly(otherRun, manual);
        assertThat(runs.find(RunFilter.ALL, 0, 0)).isEmpty();
    }

    @Test
    void totalsSumTheStreamsOfEachRunInOneCall() {
        String run = runs.create(pipeline, "manual").id();
        String empty = runs.create(pipeline, "manual").id();
        String other = runs.create(pipeline, "manual").id();
        runs.saveStream(new RunStream(run, "s.a", SUCCEEDED, 100, 90, 10, 3, 0, 0, null, null, null));
        runs.saveStream(new RunStream(run, "s.b", SUCCEEDED, 5_000_000_000L, 5_000_000_000L, 0, 2, 0, 0, null, null,
                null));
        runs.saveStream(new RunStream(other, "s.a", FAILED, 1, 0, 1, 0, 0, 0, null, null, null));

        Map<String, RunTotals> totals = runs.totals(List.of(run, empty));

        assertThat(totals).containsOnlyKeys(run);
        assertThat(totals.get(run)).isEqualTo(new RunTotals(5_000_000_100L, 5_000_000_090L, 5, 10));
        assertThat(runs.totals(List.of())).isEmpty();
    }

    @Test
    void aRunKeepsItsThroughputSeriesAfterItEnded() {
        String run = runs.create(pipeline, "manual").id();
        Instant at = Instant.parse("2026-12-04T18:00:00.123456789Z");
        List<RunSample> samples = List.of(new RunSample(at, 1_000, 900, 900.0),
                new RunSample(at.plusSeconds(1), 3_000, 2_900, 2_000.5));

        assertThat(runs.series(run)).isEmpty();
        runs.saveSeries(run, samples);
        runs.setStatus(run, SUCCEEDED, null, clock.instant());

        assertThat(runs.series(run)).containsExactly(new RunSample(Instant.parse("2026-12-04T18:00:00.123456Z"),
                1_000, 900, 900.0), new RunSample(Instant.parse("2026-12-04T18:00:01.123456Z"), 3_000, 2_900, 2_000.5));
        assertThat(runs.find(RunFilter.ALL, 10, 0)).extracting(Run::id).containsExactly(run);
        assertThatThrownBy(() -> runs.saveSeries("no-such-run", samples)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void logsAreFilteredByMinimumLevelAndTextIgnoringCaseAndPaged() {
        String run = runs.create(pipeline, "manual").id();
        runs.log(run, clock.instant(), "debug", "Reading orders");
        runs.log(run, clock.instant(), "info", "orders: 100% done");
        runs.log(run, clock.instant(), "warn", "ORDERS: 2 rows rejected");
        runs.log(run, clock.instant(), "error", "customers failed");
        runs.log(run, clock.instant(), "warn", "order_items slow");

        assertThat(runs.logs(run, new LogFilter("warn", null), 10, 0)).extracting(RunLogLine::message)
                .containsExactly("ORDERS: 2 rows rejected", "customers failed", "order_items slow");
        assertThat(runs.logs(run, new LogFilter(null, "orders"), 10, 0)).extracting(RunLogLine::message)
                .containsExactly("Reading orders", "orders: 100% done", "ORDERS: 2 rows rejected");
        assertThat(runs.logs(run, new LogFilter("info", "OrDeRs"), 10, 0)).extracting(RunLogLine::level)
                .containsExactly("info", "warn");
        // LIKE's wildcards are plain characters in the text searched for
        assertThat(runs.logs(run, new LogFilter(null, "100%"), 10, 0)).extracting(RunLogLine::message)
                .containsExactly("orders: 100% done");
        assertThat(runs.logs(run, new LogFilter(null, "r_i"), 10, 0)).extracting(RunLogLine::message)
                .containsExactly("order_items slow");
        assertThat(runs.logs(run, LogFilter.ALL, 2, 1)).extracting(RunLogLine::message)
                .containsExactly("orders: 100% done", "ORDERS: 2 rows rejected");
        assertThatThrownBy(() -> new LogFilter("loud", null)).isInstanceOf(IllegalArgumentException.class);
    }
}

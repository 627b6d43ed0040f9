package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.engine.RunEvents;
import io.arus.core.store.Pipeline;
import io.arus.core.store.RunStatus;
import io.arus.core.store.fixture.MemoryPendingRuns;
import io.arus.core.store.fixture.MemoryRuns;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class DependencyTriggerTest {
    private final MemoryPipelines pipelines = new MemoryPipelines();
    private final MemoryRuns runs = new MemoryRuns();
    private final RecordingRunService engine = new RecordingRunService(pipelines, runs);
    private final RunLauncher launcher = new RunLauncher(pipelines, runs, engine, new MemoryPendingRuns(), Clock.systemUTC(),
            new EventWorker("test-runs"));
    private final EventWorker worker = new EventWorker("test-dependencies");
    private final AtomicBoolean sweeper = new AtomicBoolean(true);
    private final DependencyTrigger trigger = new DependencyTrigger(pipelines, runs, launcher, worker,
            Clock.systemUTC(), sweeper::get);

    @Test
    void aSucceededUpstreamStartsItsDownstreamWithTheDependencyTrigger() {
        Pipeline a = pipelines.add("a", true, null, null, List.of(), Map.of());
        Pipeline b = pipelines.add("b", true, null, null, List.of(a.id()), Map.of());
        pipelines.add("unrelated", true, null, null, List.of(), Map.of());

        runAndEnd(a, RunStatus.SUCCEEDED);

        assertThat(engine.started).containsExactly(a.id() + " manual", b.id() + " dependency");
    }

    @Test
    void anUpstreamThatSucceededWithWarningsStartsItsDownstream() {
        Pipeline a = pipelines.add("a", true, null, null, List.of(), Map.of());
        Pipeline b = pipelines.add("b", true, null, null, List.of(a.id()), Map.of());

        runAndEnd(a, RunStatus.SUCCEEDED_WITH_WARNINGS);

        assertThat(engine.started).containsExactly(a.id() + " manual", b.id() + " dependency");
    }

    @Test
    void aFailedUpstreamStartsNothing() {
        Pipeline a = pipelines.add("a", true, null, null, List.of(), Map.of());
        pipelines.add("b", true, null, null, List.of(a.id()), Map.of());

        runAndEnd(a, RunStatus.FAILED);

        assertThat(engine.started).containsExactly(a.id() + " manual");
    }

    @Test
    void aDisabledDownstreamIsNotStarted() {
        Pipeline a = pipelines.add("a", true, null, null, List.of(), Map.of());
        pipelines.add("b", false, null, null, List.of(a.id()), Map.of());

        runAndEnd(a, RunStatus.SUCCEEDED);

        assertThat(engine.started).containsExactly(a.id() + " manual");
    }

    @Test
    void aDownstreamOfTwoStartsOnlyOnceBothSucceededSinceItsLastRun() throws InterruptedException {
        Pipeline a = pipelines.add("a", true, null, null, List.of(), Map.of());
        Pipeline c = pipelines.add("c", true, null, null, List.of(), Map.of());
        Pipeline d = pipelines.add("d", true, null, null, List.of(a.id(), c.id()), Map.of());

        runAndEnd(a, RunStatus.SUCCEEDED);
        assertThat(engine.started).as("c never ran").doesNotContain(d.id() + " dependency");

        runAndEnd(c, RunStatus.SUCCEEDED);
        assertThat(engine.started).containsExactly(a.id() + " manual", c.id() + " manual", d.id() + " dependency");
        engine.end(d.id(), RunStatus.SUCCEEDED);

        Thread.sleep(5); // instants must differ
        runAndEnd(a, RunStatus.SUCCEEDED);
        assertThat(engine.started).as("c has not run again since d started").hasSize(4);
        runAndEnd(c, RunStatus.SUCCEEDED);
        assertThat(engine.started).hasSize(6).last().isEqualTo(d.id() + " dependency");
    }

    @Test
    void aStartMissedWhileTheServerWasDownIsMadeByTheSweepOnceAndOnlyByTheSweepingNode() {
        Instant now = Instant.now();
        Pipeline a = pipelines.add("a", true, null, null, List.of(), Map.of());
        Pipeline b = pipelines.add("b", true, null, null, List.of(a.id()), Map.of());
        runs.add(b.id(), RunStatus.SUCCEEDED, now.minusSeconds(300), now.minusSeconds(290));
        // a succeeded a minute ago; the server stopped before b started
        runs.add(a.id(), RunStatus.SUCCEEDED, now.minusSeconds(70), now.minusSeconds(60));

        sweeper.set(false);
        trigger.sweep();
        assertThat(engine.started).as("another node sweeps").isEmpty();

        sweeper.set(true);
        trigger.sweep();
        assertThat(engine.started).containsExactly(b.id() + " dependency");

        trigger.sweep();
        assertThat(engine.started).as("b runs now: nothing more to start").hasSize(1);
        engine.end(b.id(), RunStatus.SUCCEEDED);
        trigger.sweep();
        assertThat(engine.started).as("b's run started after a's success").hasSize(1);
    }

    @Test
    void theSweepLeavesTheLivePathItsTimeAndRunningOrFresherDownstreamsAlone() {
        Instant now = Instant.now();
        Pipeline a = pipelines.add("a", true, null, null, List.of(), Map.of());
        Pipeline fresh = pipelines.add("fresh", true, null, null, List.of(a.id()), Map.of());
        Pipeline running = pipelines.add("running", true, null, null, List.of(a.id()), Map.of());
        runs.add(a.id(), RunStatus.SUCCEEDED, now.minusSeconds(70), now.minusSeconds(60));
        runs.add(fresh.id(), RunStatus.SUCCEEDED, now.minusSeconds(55), now.minusSeconds(50));
        runs.add(running.id(), RunStatus.RUNNING, now.minusSeconds(65), null);

        trigger.sweep();
        assertThat(engine.started).isEmpty();

        Pipeline c = pipelines.add("c", true, null, null, List.of(), Map.of());
        Pipeline d = pipelines.add("d", true, null, null, List.of(c.id()), Map.of());
        runs.add(c.id(), RunStatus.SUCCEEDED, now.minusSeconds(12), now.minusSeconds(10));
        trigger.sweep();
        assertThat(engine.started).as("c ended 10 s ago: its event may still be on its way").isEmpty();
        assertThat(MissedStart.of(d.updatedAt(), java.util.Optional.empty(),
                Map.of(c.id(), runs.list(c.id(), 1).stream().findFirst()), now.plusSeconds(60)))
                .as("later, the never-run d saved before c's success missed its start").contains(c.id());
        assertThat(MissedStart.of(now, java.util.Optional.empty(),
                Map.of(c.id(), runs.list(c.id(), 1).stream().findFirst()), now.plusSeconds(60)))
                .as("d saved after c's success: c's success was never d's").isEmpty();
    }

    @Test
    void theLiveNodeWithTheLowestIdSweeps() {
        Instant now = Instant.now();
        MemoryNodes nodes = new MemoryNodes();
        nodes.beat("node-a", now.minusSeconds(3600), now.minusSeconds(120));
        nodes.beat("node-b", now.minusSeconds(3600), now.minusSeconds(5));
        nodes.beat("node-c", now.minusSeconds(3600), now.minusSeconds(5));

        assertThat(DependencyTrigger.lowestLiveNode(nodes, "node-b", now)).as("node-a stopped").isTrue();
        assertThat(DependencyTrigger.lowestLiveNode(nodes, "node-c", now)).isFalse();
        assertThat(DependencyTrigger.lowestLiveNode(new MemoryNodes(), "solo", now)).isTrue();
    }

    private void runAndEnd(Pipeline upstream, RunStatus status) {
        engine.start(upstream.id(), "manual");
        engine.end(upstream.id(), status);
        trigger.handleEvent(new Event(RunEvents.RUN_STATE, Map.of(RunEvents.PIPELINE_ID, upstream.id(),
                RunEvents.STATUS, status.id())));
        // the trigger works on its own thread: wait for it by handing it a marker
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        worker.submit(done::countDown);
        try {
            assertThat(done.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.engine.RunEvents;
import io.arus.core.store.Pipeline;
import io.arus.core.store.RunStatus;
import io.arus.core.store.fixture.MemoryPendingRuns;
import io.arus.core.store.fixture.MemoryRuns;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class DependencyTriggerTest {
    private final MemoryPipelines pipelines = new MemoryPipelines();
    private final MemoryRuns runs = new MemoryRuns();
    private final RecordingRunService engine = new RecordingRunService(pipelines, runs);
    private final RunLauncher launcher = new RunLauncher(pipelines, runs, engine, new MemoryPendingRuns(), Clock.systemUTC(),
            new EventWorker("test-runs"));
    private final EventWorker worker = new EventWorker("test-dependencies");
    private final DependencyTrigger trigger = new DependencyTrigger(pipelines, runs, launcher, worker);

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

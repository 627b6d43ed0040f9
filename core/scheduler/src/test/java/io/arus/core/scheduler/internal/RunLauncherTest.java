package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.engine.RunEvents;
import io.arus.core.scheduler.internal.RunLauncher.Launch;
import io.arus.core.store.Pipeline;
import io.arus.core.store.RunStatus;
import io.arus.core.store.fixture.MemoryPendingRuns;
import io.arus.core.store.fixture.MemoryRuns;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

class RunLauncherTest {
    private final MemoryPipelines pipelines = new MemoryPipelines();
    private final MemoryRuns runs = new MemoryRuns();
    private final RecordingRunService engine = new RecordingRunService(pipelines, runs);
    private final EventWorker worker = new EventWorker("test-runs");
    private final MemoryPendingRuns pending = new MemoryPendingRuns();
    private final RunLauncher launcher = new RunLauncher(pipelines, runs, engine, pending, Clock.systemUTC(), worker);

    @Test
    void startsARunWithTheTrigger() {
        Pipeline p = pipelines.scheduled("orders", "0 0 * * * ?");

        assertThat(launcher.launch(p.id(), "schedule")).isEqualTo(Launch.STARTED);

        assertThat(engine.started).containsExactly(p.id() + " schedule");
    }

    @Test
    void aDisabledPipelineNeverStarts() {
        Pipeline p = pipelines.add("orders", false, "0 0 * * * ?", null, List.of(), Map.of());

        assertThat(launcher.launch(p.id(), "schedule")).isEqualTo(Launch.DISABLED);
        assertThat(launcher.launch(p.id(), "dependency")).isEqualTo(Launch.DISABLED);

        assertThat(engine.started).isEmpty();
    }

    @Test
    void anUnknownPipelineIsGone() {
        assertThat(launcher.launch("no-such-pipeline", "schedule")).isEqualTo(Launch.GONE);
    }

    @Test
    void whileItRunsATriggerIsSkippedAndNotedInTheRunLogByDefault() {
        Pipeline p = pipelines.scheduled("orders", "0 0 * * * ?");
        launcher.launch(p.id(), "schedule");
        String running = runs.list(p.id(), 1).get(0).id();

        assertThat(launcher.launch(p.id(), "schedule")).isEqualTo(Launch.SKIPPED);
        engine.end(p.id(), RunStatus.SUCCEEDED);
        launcher.runEnded(p.id());

        assertThat(engine.started).hasSize(1);
        assertThat(runs.logLines).containsExactly(running
                + " info schedule run skipped: the pipeline was still running (overlap_policy skip)");
    }

    @Test
    void aQueuedRunIsKeptAcrossARestartAndStartsOnceTheRunItWaitedForWasInterrupted() {
        Pipeline p = pipelines.add("orders", true, "0 0 * * * ?", null, List.of(), Map.of("overlap_policy", "queue"));
        launcher.launch(p.id(), "schedule");
        assertThat(launcher.launch(p.id(), "dependency")).isEqualTo(Launch.QUEUED);
        EventWorker after = new EventWorker("test-restart");
        RunLauncher restarted = new RunLauncher(pipelines, runs, engine, pending, Clock.systemUTC(), after);

        restarted.startWaiting();
        assertThat(engine.started).as("the run it waits for still runs").hasSize(1);
        engine.end(p.id(), RunStatus.INTERRUPTED); // what a restart does to it
        restarted.startWaiting();
        restarted.startWaiting();
        after.close();

        assertThat(engine.started).containsExactly(p.id() + " schedule", p.id() + " dependency");
        assertThat(pending.all()).isEmpty();
    }

    @Test
    void withTheQueuePolicyOneRunWaitsForTheCurrentOneAndLaterTriggersMergeIntoIt() {
        Pipeline p = pipelines.add("orders", true, "0 0 * * * ?", null, List.of(), Map.of("overlap_policy", "queue"));
        launcher.launch(p.id(), "schedule");

        assertThat(launcher.launch(p.id(), "dependency")).isEqualTo(Launch.QUEUED);
        assertThat(launcher.launch(p.id(), "schedule")).isEqualTo(Launch.QUEUED);
        assertThat(launcher.hasPending(p.id())).isTrue();
        assertThat(engine.started).hasSize(1);

        engine.end(p.id(), RunStatus.FAILED);
        launcher.handleEvent(new Event(RunEvents.RUN_STATE, Map.of(RunEvents.PIPELINE_ID, p.id(), RunEvents.STATUS,
                "failed")));
        worker.close();

        assertThat(engine.started).containsExactly(p.id() + " schedule", p.id() + " dependency");
        assertThat(launcher.hasPending(p.id())).isFalse();
        assertThat(runs.logLines).hasSize(2).last().asString()
                .endsWith("a dependency run is already queued; this schedule trigger is merged into it (overlap_policy queue)");
    }

    @Test
    void aQueuedRunOfAPipelineDisabledMeanwhileIsDropped() {
        Pipeline p = pipelines.add("orders", true, "0 0 * * * ?", null, List.of(), Map.of("overlap_policy", "queue"));
        launcher.launch(p.id(), "schedule");
        launcher.launch(p.id(), "schedule");
        pipelines.put(MemoryPipelines.withSchedule(p, false, p.scheduleCron(), null));

        engine.end(p.id(), RunStatus.SUCCEEDED);
        launcher.runEnded(p.id());

        assertThat(engine.started).hasSize(1);
        assertThat(launcher.hasPending(p.id())).isFalse();
    }

    @Test
    void onlyTheEndOfARunReleasesTheQueuedOne() {
        Pipeline p = pipelines.add("orders", true, "0 0 * * * ?", null, List.of(), Map.of("overlap_policy", "queue"));
        launcher.launch(p.id(), "schedule");
        launcher.launch(p.id(), "schedule");

        launcher.handleEvent(new Event(RunEvents.RUN_STATE, Map.of(RunEvents.PIPELINE_ID, p.id(), RunEvents.STATUS,
                "paused")));
        worker.close();

        assertThat(launcher.hasPending(p.id())).isTrue();
        assertThat(engine.started).hasSize(1);
    }
}

package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.Pipeline;
import io.arus.core.store.RunStatus;
import io.arus.core.store.fixture.MemoryPendingRuns;
import io.arus.core.store.fixture.MemoryRuns;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on Quartz's JDBC job store in the tables of migration V3, on the database of the subclass: jobs
 * fire, triggers outlive the scheduler, and a fire time missed while it was down is handled by policy.
 */
abstract class JobStoreContract {
    private final MemoryPipelines pipelines = new MemoryPipelines();
    private final MemoryRuns runs = new MemoryRuns();
    private final RecordingRunService engine = new RecordingRunService(pipelines, runs);
    private final RunLauncher launcher = new RunLauncher(pipelines, runs, engine, new MemoryPendingRuns(), Clock.systemUTC(),
            new EventWorker("test-runs"));
    private JobStoreDatabase database;
    private CronScheduler scheduler;

    abstract String dialect();

    @BeforeEach
    void createDatabase(@TempDir Path directory) throws Exception {
        database = JobStoreDatabase.create(dialect(), directory);
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.deactivate();
        }
        database.close();
    }

    @Test
    void aScheduleFiresThroughTheDatabaseAndItsTriggerOutlivesTheScheduler() throws Exception {
        Pipeline p = pipelines.scheduled("every-second", "* * * * * ?");
        start();

        await(() -> engine.started.contains(p.id() + " schedule"), "the schedule should fire");
        long startTime = database.queryLong("SELECT start_time FROM qrtz_triggers WHERE trigger_name = ?", p.id());
        assertThat(database.queryLong("SELECT COUNT(*) FROM qrtz_cron_triggers WHERE trigger_name = ?"
                + " AND cron_expression = '* * * * * ?' AND time_zone_id = 'UTC'", p.id())).isEqualTo(1);
        restart();
        engine.end(p.id(), RunStatus.SUCCEEDED);
        int before = engine.started.size();

        assertThat(database.queryLong("SELECT start_time FROM qrtz_triggers WHERE trigger_name = ?", p.id()))
                .as("the trigger was kept, not replaced").isEqualTo(startTime);
        await(() -> engine.started.size() > before, "the schedule should fire again after the restart");
        assertThat(engine.started).allMatch(s -> s.equals(p.id() + " schedule"));
    }

    @Test
    void disablingAPipelineDeletesItsRowsAndItNeverFires() throws Exception {
        Pipeline p = pipelines.scheduled("hourly", "0 0 * * * ?");
        start();
        assertThat(database.queryLong("SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = ?", p.id())).isEqualTo(1);

        pipelines.put(MemoryPipelines.withSchedule(p, false, p.scheduleCron(), null));
        scheduler.reconcile(p.id());

        assertThat(database.queryLong("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = ?", p.id())).isZero();
        assertThat(database.queryLong("SELECT COUNT(*) FROM qrtz_job_details WHERE job_name = ?", p.id())).isZero();
    }

    @Test
    void aFireTimeMissedWhileDownRunsOnceAtStartUnderRunOnceAndIsDroppedUnderSkip() throws Exception {
        Pipeline once = pipelines.add("yearly-once", true, "0 0 0 1 1 ?", null, List.of(), Map.of());
        Pipeline skip = pipelines.add("yearly-skip", true, "0 0 0 1 1 ?", null, List.of(), Map.of("misfire_policy", "skip"));
        start();
        scheduler.deactivate();
        scheduler = null;
        long missed = System.currentTimeMillis() - 60_000;
        database.execute("UPDATE qrtz_triggers SET next_fire_time = ?", missed);

        start();

        await(() -> engine.started.contains(once.id() + " schedule"), "the missed fire time should run once");
        assertThat(engine.started).containsExactly(once.id() + " schedule");
        await(() -> queryUnchecked("SELECT next_fire_time FROM qrtz_triggers WHERE trigger_name = ?", skip.id())
                > System.currentTimeMillis(), "the skipped trigger should wait for its next fire time");
        assertThat(engine.started).doesNotContain(skip.id() + " schedule");
    }

    private void start() throws Exception {
        scheduler = new CronScheduler(QuartzFactory.open(dialect(), false, database.dataSource,
                new PipelineJobFactory(launcher)),
                pipelines, Clock.systemUTC());
    }

    private void restart() throws Exception {
        scheduler.deactivate();
        scheduler = null;
        start();
    }

    private long queryUnchecked(String sql, Object... parameters) {
        try {
            return database.queryLong(sql, parameters);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within 15 s, " + what);
            }
            Thread.sleep(50);
        }
    }
}

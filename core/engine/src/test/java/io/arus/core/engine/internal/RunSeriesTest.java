package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.RunSample;
import io.arus.core.store.RunStore;
import io.arus.core.store.fixture.TestClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSeriesTest {
    private final TestClock clock = new TestClock(Instant.EPOCH);
    private final List<List<RunSample>> saved = new ArrayList<>();
    private final RunStore runs = (RunStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {RunStore.class}, (proxy, method, args) -> {
                if (method.getName().equals("saveSeries")) {
                    assertThat(args[0]).isEqualTo("run-1");
                    @SuppressWarnings("unchecked")
                    List<RunSample> samples = (List<RunSample>) args[1];
                    saved.add(samples);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void samplesOncePerSecondWithTheRateSinceTheSampleBeforeAndSavesEveryFewSecondsAndAtTheEnd() {
        RunSeries series = new RunSeries(runs, "run-1", clock);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMillis(500));
            series.read(1_000);
            series.written(i < 6 ? 1_000 : 0);
            series.tick();
        }

        List<RunSample> samples = series.samples();
        assertThat(samples).hasSize(6);
        assertThat(samples.get(0)).isEqualTo(new RunSample(Instant.ofEpochMilli(1_000), 2_000, 2_000, 2_000.0));
        assertThat(samples).extracting(RunSample::rowsPerSecond).containsExactly(2_000.0, 2_000.0, 2_000.0, 0.0, 0.0,
                0.0);
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0)).hasSize(5);

        series.finish();
        assertThat(saved).hasSize(2);
        assertThat(saved.get(1)).isEqualTo(samples);
    }

    @Test
    void theLastPointOfARunCancelledJustAfterASampleIsNotInflated() {
        RunSeries series = new RunSeries(runs, "run-1", clock);
        clock.advance(Duration.ofSeconds(1));
        series.read(1_000);
        series.written(1_000);
        series.tick();
        clock.advance(Duration.ofMillis(10));
        series.read(1_000);
        series.written(1_000);
        series.finish();

        // not 1,000 rows in 10 ms (100,000 rows/s): the last window spans the whole 1.01 s
        assertThat(series.samples()).containsExactly(new RunSample(Instant.ofEpochMilli(1_010), 2_000, 2_000, 1_980.2));
    }

    @Test
    void aLongRunKeepsABoundedSeriesSpanningItsWholeTime() {
        RunSeries series = new RunSeries(runs, "run-1", clock);
        for (int second = 1; second <= 3_600; second++) {
            clock.advance(Duration.ofSeconds(1));
            series.read(100);
            series.written(100);
            series.tick();
        }
        series.finish();

        List<RunSample> samples = series.samples();
        assertThat(samples.size()).isLessThan(RunSeries.MAX_SAMPLES).isGreaterThan(RunSeries.MAX_SAMPLES / 4);
        assertThat(samples.get(samples.size() - 1)).extracting(RunSample::rowsWritten, RunSample::at)
                .containsExactly(360_000L, Instant.ofEpochMilli(3_600_000));
        assertThat(samples.get(0).at()).isBefore(Instant.ofEpochMilli(60_000));
        assertThat(samples).extracting(RunSample::at).isSorted();
        // a steady 100 rows/s stays 100 rows/s however far apart the kept samples are
        assertThat(samples).extracting(RunSample::rowsPerSecond).containsOnly(100.0);
    }
}

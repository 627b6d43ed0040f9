package io.arus.core.engine.internal;

import io.arus.core.store.RunSample;
import io.arus.core.store.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's throughput over time, for the chart of the run, kept with the run so that it is there after the run
 * ended and after a restart. The streams add what they read and wrote; a sample of the run's totals is taken at
 * most once per interval (one second at first) when a stream flushed, and saved every few seconds and at the end.
 * At {@value #MAX_SAMPLES} samples every other one is dropped and the interval doubles, so a long run keeps its
 * whole shape in a bounded series.
 */
final class RunSeries {
    static final int MAX_SAMPLES = 600;
    private static final long FIRST_INTERVAL_MS = 1_000;
    private static final long SAVE_EVERY_MS = 5_000;

    private final RunStore runs;
    private final String runId;
    private final Clock clock;
    private final List<RunSample> samples = new ArrayList<>();
    private long intervalMs = FIRST_INTERVAL_MS;
    private long rowsRead;
    private long rowsWritten;
    private final long startedAt;
    private long lastSample;
    private long lastSave;

    RunSeries(RunStore runs, String runId, Clock clock) {
        this.runs = runs;
        this.runId = runId;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.lastSample = startedAt;
        this.lastSave = startedAt;
    }

    synchronized void read(long rows) {
        rowsRead += rows;
    }

    synchronized void written(long rows) {
        rowsWritten += rows;
    }

    /** A stream flushed: samples when an interval went by, saves now and then. */
    synchronized void tick() {
        long now = clock.millis();
        if (now - lastSample >= intervalMs) {
            sample(now);
        }
        if (now - lastSave >= SAVE_EVERY_MS) {
            save(now);
        }
    }

    /**
     * The run ended: takes the last sample and saves the series. When it ended soon after the last sample (a run
     * cancelled a few milliseconds after a flush), that sample's window is widened to now rather than a new point
     * added, whose rate over those few milliseconds would be far above what the run ever did.
     */
    synchronized void finish() {
        long now = clock.millis();
        if (samples.isEmpty() || samples.get(samples.size() - 1).rowsRead() != rowsRead
                || samples.get(samples.size() - 1).rowsWritten() != rowsWritten) {
            if (!samples.isEmpty() && now - lastSample < intervalMs) {
                samples.remove(samples.size() - 1);
                lastSample = samples.isEmpty() ? startedAt : samples.get(samples.size() - 1).at().toEpochMilli();
            }
            sample(now);
        }
        save(now);
    }

    synchronized List<RunSample> samples() {
        return List.copyOf(samples);
    }

    private void sample(long now) {
        long previousWritten = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).rowsWritten();
        long ms = Math.max(1, now - lastSample);
        double perSecond = Math.round((rowsWritten - previousWritten) * 10_000.0 / ms) / 10.0;
        samples.add(new RunSample(Instant.ofEpochMilli(now), rowsRead, rowsWritten, perSecond));
        lastSample = now;
        if (samples.size() >= MAX_SAMPLES) {
            thin();
        }
    }

    /** Keeps every other sample (the newest always), each one's rate then spanning the time since the one kept before. */
    private void thin() {
        List<RunSample> kept = new ArrayList<>(samples.size() / 2 + 1);
        for (int i = samples.size() - 1; i >= 0; i -= 2) {
            kept.add(0, samples.get(i));
        }
        samples.clear();
        for (int i = 0; i < kept.size(); i++) {
            RunSample sample = kept.get(i);
            long fromMs = i == 0 ? startedAt : kept.get(i - 1).at().toEpochMilli();
            long fromRows = i == 0 ? 0 : kept.get(i - 1).rowsWritten();
            long ms = Math.max(1, sample.at().toEpochMilli() - fromMs);
            samples.add(new RunSample(sample.at(), sample.rowsRead(), sample.rowsWritten(),
                    Math.round((sample.rowsWritten() - fromRows) * 10_000.0 / ms) / 10.0));
        }
        intervalMs *= 2;
    }

    private void save(long now) {
        lastSave = now;
        runs.saveSeries(runId, List.copyOf(samples));
    }
}

package io.arus.core.metrics.internal;

import io.arus.core.engine.Measurements;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The engine's batch timings and the scheduler's lateness, as histograms of {@link ServerMetrics}. */
@Component(service = Measurements.class)
public final class MetricsMeasurements implements Measurements {
    private final ServerMetrics metrics;

    @Activate
    public MetricsMeasurements(@Reference ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void batchWritten(String pipelineId, String stream, int rows, long nanos) {
        metrics.batchDuration.labelValues(pipelineId, stream).observe(nanos / 1e9);
    }

    @Override
    public void scheduleFired(String pipelineId, long lateMillis) {
        metrics.scheduleLateness.labelValues(pipelineId).observe(Math.max(0, lateMillis) / 1000.0);
    }
}

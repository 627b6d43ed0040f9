package io.arus.core.engine;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Timings the engine and the scheduler take as they go, for whoever registers this service (core/metrics turns
 * them into histograms). Called on the runs' and the scheduler's threads: an implementation returns at once and
 * never throws.
 *
 * @since 2.6
 */
@ConsumerType
public interface Measurements {
    /**
     * A batch was written to its stream's destination (and flushed, when one was due).
     *
     * @param pipelineId the pipeline
     * @param stream     the stream
     * @param rows       the rows written
     * @param nanos      from the start of its write until then
     */
    void batchWritten(String pipelineId, String stream, int rows, long nanos);

    /**
     * A schedule fired: how late after its fire time (the scheduler's lag; in a cluster, across the nodes).
     *
     * @param pipelineId the pipeline
     * @param lateMillis from the fire time to the moment the job ran, never negative
     */
    void scheduleFired(String pipelineId, long lateMillis);
}

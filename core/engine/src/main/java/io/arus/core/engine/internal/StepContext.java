package io.arus.core.engine.internal;

import io.arus.api.transform.TransformContext;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * What a transform step is told about the run (or preview) it works for.
 *
 * @param pipelineId the pipeline
 * @param stream     the stream, {@code namespace.table}
 * @param runId      the run, or null in a preview
 * @param stopped    true once the run was cancelled, paused or the server is stopping
 * @param logger     where the step's log lines go (the run journal)
 */
public record StepContext(String pipelineId, String stream, String runId, BooleanSupplier stopped,
                          BiConsumer<System.Logger.Level, String> logger) implements TransformContext {
    /**
     * @param pipelineId the pipeline, or null when it is not saved yet
     * @param stream     the stream
     * @return the context of a preview: no run, never stopped, log lines to the server log at debug level
     */
    public static StepContext preview(String pipelineId, String stream) {
        return new StepContext(pipelineId, stream, null, () -> false,
                (level, message) -> LoggerFactory.getLogger(StepContext.class).debug("preview of {}: {}", stream, message));
    }

    /**
     * @param pipelineId the pipeline
     * @param stream     the stream
     * @return the context of a dead-letter replay: no run, never stopped, log lines to the server log
     */
    public static StepContext replay(String pipelineId, String stream) {
        return new StepContext(pipelineId, stream, null, () -> false,
                (level, message) -> LoggerFactory.getLogger(StepContext.class).info("replay of {}: {}", stream, message));
    }

    @Override
    public boolean isStopped() {
        return stopped.getAsBoolean();
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        logger.accept(level, message);
    }
}

package io.arus.core.engine.internal;

import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.slf4j.MDC;

/**
 * Puts a run's ids into the log context (SLF4J's MDC) of the threads that work for it, so that every line they
 * log, whoever logs it (the engine, a connector, a driver), carries {@code run_id} and {@code pipeline_id} in the
 * JSON log format; the run's stream threads also get its tracing context.
 */
final class RunLogContext {
    static final String RUN_ID = "run_id";
    static final String PIPELINE_ID = "pipeline_id";

    private RunLogContext() {
    }

    /** Marks the calling thread as working for the run until {@link #leave()}. */
    static void enter(String runId, String pipelineId) {
        MDC.put(RUN_ID, runId);
        MDC.put(PIPELINE_ID, pipelineId);
    }

    /** Clears what {@link #enter} set. */
    static void leave() {
        MDC.remove(RUN_ID);
        MDC.remove(PIPELINE_ID);
    }

    /**
     * @param name       the threads' name
     * @param runId      the run
     * @param pipelineId its pipeline
     * @return a factory of threads that work for the run from their first line, in the calling thread's tracing
     *         context (the run's span, see {@link RunTracing})
     */
    static ThreadFactory threads(String name, String runId, String pipelineId) {
        Context tracing = Context.current();
        return task -> new Thread(tracing.wrap(() -> {
            enter(runId, pipelineId);
            task.run();
        }), name);
    }

    /**
     * @param task what another thread will run
     * @return the task run with the calling thread's log context (taken now), cleared afterwards
     */
    static Runnable inherit(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            try {
                task.run();
            } finally {
                MDC.clear();
            }
        };
    }
}

package io.arus.transform.python;

import io.arus.api.transform.TransformContext;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run context that keeps the log lines. */
final class RecordingContext implements TransformContext {
    final List<String> lines = new CopyOnWriteArrayList<>();
    volatile boolean stopped;

    @Override
    public String pipelineId() {
        return "p1";
    }

    @Override
    public String stream() {
        return "public.items";
    }

    @Override
    public String runId() {
        return "r1";
    }

    @Override
    public boolean isStopped() {
        return stopped;
    }

    @Override
    public void log(Level level, String message) {
        lines.add(message);
    }
}

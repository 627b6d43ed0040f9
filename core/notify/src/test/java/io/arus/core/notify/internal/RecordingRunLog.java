package io.arus.core.notify.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A run log that keeps its lines as {@code runId level message}. */
final class RecordingRunLog implements RunLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void log(String runId, Instant at, String level, String message) {
        lines.add(runId + " " + level + " " + message);
    }
}

package io.arus.connector.files;

import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import java.util.ArrayList;
import java.util.List;

/** A run context for writers under test; keeps the log lines. */
final class TestContext implements StreamContext {
    final String runId;
    final List<String> log = new ArrayList<>();

    TestContext(String runId) {
        this.runId = runId;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public StreamId stream() {
        return new StreamId(null, "t");
    }

    @Override
    public boolean isStopped() {
        return false;
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        log.add(message);
    }
}

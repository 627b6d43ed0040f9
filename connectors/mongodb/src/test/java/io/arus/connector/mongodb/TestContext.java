package io.arus.connector.mongodb;

import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A run context for tests: keeps the log lines and can be stopped. */
final class TestContext implements StreamContext {
    private final StreamId stream;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    TestContext(StreamId stream) {
        this.stream = stream;
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public StreamId stream() {
        return stream;
    }

    @Override
    public boolean isStopped() {
        return stopped;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        log.add(message);
    }

    List<String> log() {
        return log;
    }
}

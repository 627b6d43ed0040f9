package io.arus.core.engine.internal;

import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;

/** What a connector's reader or writer sees of the run. */
record RunStreamContext(RunJournal journal, StreamId stream, RunControl control, String changeFeed)
        implements StreamContext {
    @Override
    public String runId() {
        return journal.runId();
    }

    @Override
    public boolean isStopped() {
        return control.isStopped();
    }

    @Override
    public void log(System.Logger.Level level, String message) {
        journal.log(level, stream + ": " + message);
    }
}

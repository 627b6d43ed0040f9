package io.arus.core.engine.internal;

import io.arus.core.engine.RunEvents;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStream;
import java.util.HashMap;
import java.util.Map;

/** Posts {@link RunEvents#RUN_STATE}: a run's new state, with its totals once it ended. */
final class RunStateEvents {
    private RunStateEvents() {
    }

    static void post(EngineServices services, String runId, String pipelineId, String pipelineName, String trigger,
                     RunStatus status, RunStatus previous, String error) {
        Map<String, Object> event = new HashMap<>();
        event.put(RunEvents.RUN_ID, runId);
        event.put(RunEvents.PIPELINE_ID, pipelineId);
        event.put(RunEvents.PIPELINE_NAME, pipelineName);
        event.put(RunEvents.TRIGGER, trigger);
        event.put(RunEvents.STATUS, status.id());
        event.put(RunEvents.PREVIOUS_STATUS, previous == null ? null : previous.id());
        event.put(RunEvents.ERROR, error);
        if (status.isFinal()) {
            long read = 0;
            long written = 0;
            long rejected = 0;
            long deleted = 0;
            for (RunStream stream : services.runs().streams(runId)) {
                read += stream.rowsRead();
                written += stream.rowsWritten();
                rejected += stream.rowsRejected();
                deleted += stream.rowsDeleted();
            }
            event.put(RunEvents.ROWS_READ, read);
            event.put(RunEvents.ROWS_WRITTEN, written);
            event.put(RunEvents.ROWS_REJECTED, rejected);
            event.put(RunEvents.ROWS_DELETED, deleted);
        }
        services.events().post(RunEvents.RUN_STATE, event);
    }
}

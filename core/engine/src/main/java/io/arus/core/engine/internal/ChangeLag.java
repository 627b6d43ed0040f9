package io.arus.core.engine.internal;

import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/** How far behind its source a change-capture batch is, in time: from the commit of its last change to now. */
final class ChangeLag {
    private ChangeLag() {
    }

    /**
     * @param batch a batch just read
     * @param now   when it was read
     * @return milliseconds from the commit of the batch's last change (the last row with a commit time) to
     *         {@code now}, never negative (the source's clock may be ahead of ours); 0 for an empty change batch (the
     *         reader is caught up); -1 when unknown: a batch without the change columns, or of snapshot rows only
     */
    static long millisBehind(RecordBatch batch, Instant now) {
        OptionalInt committed = batch.schema().indexOf(Changes.COMMITTED_AT);
        if (committed.isEmpty()) {
            return -1;
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<Object[]> rows = batch.rows();
        int column = committed.getAsInt();
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i)[column] instanceof Instant at) {
                return Math.max(0, now.toEpochMilli() - at.toEpochMilli());
            }
        }
        return -1;
    }
}

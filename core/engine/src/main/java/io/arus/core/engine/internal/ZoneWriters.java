package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.core.engine.PipelineDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * The writers of a stream's zones: the raw zone (the untouched source record as JSON, with run id and extraction
 * time, append-only) and the normalized zone (typed columns in the transform chain's output schema, soft-deleted
 * rows deleted by key, the rest written through the reject isolator). Either may be off.
 */
final class ZoneWriters implements AutoCloseable {
    static final Schema RAW_SCHEMA = Schema.of(
            Field.of("_arus_run_id", LogicalType.STRING, false),
            Field.of("_arus_extracted_at", LogicalType.TIMESTAMPTZ, false),
            Field.of("_arus_data", LogicalType.JSON, false));

    /** What the zones write with: the run, the clock, the isolator and where deletes are counted. */
    record Sinks(String runId, Clock clock, RejectIsolator isolator, IntConsumer deleted) {
    }

    private final StreamWriter normalized;
    private final StreamWriter raw;
    private final PipelineDefinition definition;
    private final StreamPlan plan;
    private final Sinks sinks;

    private ZoneWriters(StreamWriter normalized, StreamWriter raw, PipelineDefinition definition, StreamPlan plan,
                        Sinks sinks) {
        this.normalized = normalized;
        this.raw = raw;
        this.definition = definition;
        this.plan = plan;
        this.sinks = sinks;
    }

    /**
     * Opens the zones the pipeline writes; the normalized table follows {@code schema} (new columns are added, an
     * incompatible change stops the stream).
     *
     * A change-capture stream's normalized zone is a {@link ChangeWriter}.
     *
     * @param schema   the chain's output schema
     * @param resuming whether the stream resumes from a stored offset (else a change stream starts with a snapshot
     *                 that replaces the destination's rows)
     * @param withSteps whether transform steps run between source and destination (they may make keys collide)
     */
    static ZoneWriters open(ConnectorSession destination, PipelineDefinition definition, StreamPlan plan, Schema schema,
                            StreamContext context, Sinks sinks, boolean resuming, boolean withSteps)
            throws ConnectorException {
        // the source's own key, with nothing in between: no two rows share one, so the writer may add the key last
        boolean uniqueKeys = !withSteps && !plan.primaryKey().isEmpty()
                && plan.primaryKey().equals(plan.stream().primaryKey());
        StreamWriter normalized = null;
        try {
            if (definition.normalizedZone()) {
                StreamId target = new StreamId(definition.targetNamespace(), plan.stream().id().name());
                if (plan.syncMode() == SyncMode.CDC) {
                    Schema changeTarget = ChangeWriter.target(schema);
                    normalized = new ChangeWriter(mode -> destination.openWriter(
                            new WriteRequest(target, changeTarget, plan.primaryKey(), mode), context),
                            schema, plan.primaryKey(), !resuming);
                    normalized.evolve(changeTarget);
                } else {
                    normalized = destination.openWriter(new WriteRequest(target, schema, plan.primaryKey(),
                            plan.writeMode(), uniqueKeys), context);
                    normalized.evolve(schema);
                }
            }
            StreamWriter raw = null;
            if (definition.rawZone()) {
                StreamId target = new StreamId(definition.rawNamespace(), plan.stream().id().name());
                raw = destination.openWriter(new WriteRequest(target, RAW_SCHEMA, List.of(), WriteMode.APPEND), context);
            }
            return new ZoneWriters(normalized, raw, definition, plan, sinks);
        } catch (ConnectorException | RuntimeException e) {
            if (normalized != null) {
                normalized.close();
            }
            throw e;
        }
    }

    /** @return the normalized zone's writer, or null */
    StreamWriter normalized() {
        return normalized;
    }

    /** @return the raw zone's writer, or null */
    StreamWriter raw() {
        return raw;
    }

    /**
     * @return the writers that record flushes ({@link StreamWriter#recordsFlushes()}), when flushes span batches;
     *         none otherwise
     */
    List<StreamWriter> recording() {
        if (CheckpointCommitter.rowsPerFlush(normalized, raw) == 0) {
            return List.of();
        }
        List<StreamWriter> recording = new ArrayList<>(2);
        for (StreamWriter writer : new StreamWriter[] {raw, normalized}) {
            if (writer != null && writer.recordsFlushes()) {
                recording.add(writer);
            }
        }
        return recording;
    }

    /**
     * Writes a batch to each zone.
     *
     * @param source      the batch as read (raw zone)
     * @param transformed the chain's output (normalized zone)
     * @param flush       whether to flush each write (false when flushes span batches)
     */
    void write(RecordBatch source, RecordBatch transformed, boolean flush) throws ConnectorException {
        if (raw != null) {
            writeRaw(source, flush);
        }
        if (normalized != null) {
            writeNormalized(normalized, transformed, flush);
        }
    }

    /**
     * Writes a batch to the raw zone only, when there is one, and flushes it: the normalized zone's rows of the
     * batch go through {@link #writeNormalized} on a lane.
     */
    void writeRaw(RecordBatch source) throws ConnectorException {
        if (raw != null) {
            writeRaw(source, true);
        }
    }

    /** The stream read to its end: completes both zones (a REPLACE staging table is swapped in). */
    void complete() throws ConnectorException {
        if (normalized != null) {
            normalized.complete();
        }
        if (raw != null) {
            raw.complete();
        }
    }

    private void writeRaw(RecordBatch batch, boolean flush) throws ConnectorException {
        Instant now = sinks.clock().instant();
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (Object[] row : batch.rows()) {
            rows.add(new Object[] {sinks.runId(), now, RawJson.write(JsonValues.row(batch.schema(), row))});
        }
        raw.write(RecordBatch.of(RAW_SCHEMA, rows, batch.offsetAfter()));
        if (flush) {
            raw.flush();
        }
    }

    /**
     * Writes a batch to the normalized zone through {@code writer}: the zone's writer, or a lane of it.
     *
     * @param flush whether to flush after the write (false when flushes span batches)
     */
    void writeNormalized(StreamWriter writer, RecordBatch batch, boolean flush) throws ConnectorException {
        if (batch.isEmpty() && writer instanceof ChangeWriter changes) {
            // the empty batch right after a snapshot hands over to the changes: the snapshot is swapped in, and the
            // offset of this batch is the first the stream stores
            changes.write(batch);
        } else if (writer instanceof ChangeWriter) {
            // captured deletes count as the stream's deleted rows (once per delete event, as the log has them)
            int op = batch.schema().indexOf(Changes.OP).orElseThrow();
            int deletes = 0;
            for (Object[] row : batch.rows()) {
                if (Changes.DELETE.equals(row[op])) {
                    deletes++;
                }
            }
            if (deletes > 0) {
                sinks.deleted().accept(deletes);
            }
        }
        OptionalInt deletedAt = plan.softDeleteField() == null || !"delete".equals(definition.softDeleteMode())
                ? OptionalInt.empty() : batch.schema().indexOf(plan.softDeleteField());
        List<Object[]> live = batch.rows();
        List<Object[]> deletedKeys = List.of();
        if (deletedAt.isPresent() && !plan.primaryKey().isEmpty()) {
            live = new ArrayList<>(batch.size());
            deletedKeys = new ArrayList<>();
            int[] key = keyIndexes(batch.schema());
            for (Object[] row : batch.rows()) {
                Object flag = row[deletedAt.getAsInt()];
                if (flag == null || flag == RecordBatch.ABSENT) {
                    live.add(row);
                } else {
                    Object[] keyValues = new Object[key.length];
                    for (int i = 0; i < key.length; i++) {
                        keyValues[i] = row[key[i]];
                    }
                    deletedKeys.add(keyValues);
                }
            }
        }
        if (!deletedKeys.isEmpty()) {
            writer.delete(deletedKeys);
            sinks.deleted().accept(deletedKeys.size());
        }
        sinks.isolator().write(writer, batch.withRows(live), flush);
    }

    private int[] keyIndexes(Schema schema) {
        int[] indexes = new int[plan.primaryKey().size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = schema.indexOf(plan.primaryKey().get(i)).orElseThrow();
        }
        return indexes;
    }

    /** Closes the raw zone, then the normalized zone (a REPLACE staging table not completed is dropped). */
    @Override
    public void close() {
        try {
            if (raw != null) {
                raw.close();
            }
        } finally {
            if (normalized != null) {
                normalized.close();
            }
        }
    }
}

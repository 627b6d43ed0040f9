package io.arus.core.engine.internal;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.record.UnreadableRecord;
import io.arus.api.transform.TransformException;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.engine.RunEvents;
import io.arus.core.store.DeadLetterStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;

/**
 * Syncs one stream: a reader thread fills a bounded queue, this thread writes each batch (raw zone, normalized
 * zone, soft deletes), flushes, and only then stores the batch's offset. A batch the destination refuses is cut
 * in halves until the refused rows are alone; those go to dead letters and the rest lands.
 */
final class StreamSync {
    static final String SPLIT = Split.WHOLE.id();
    private static final int QUEUE_BATCHES = 4;

    private final String pipelineId;
    private final PipelineDefinition definition;
    private final StreamPlan plan;
    private final ConnectorSession source;
    private final ConnectorSession destination;
    private final StreamState state;
    private final DeadLetterStore deadLetters;
    private final RunJournal journal;
    private final RunControl control;
    private final StreamCounters counters;
    private final Clock clock;
    private final String streamName;
    private final TransformChain chain;
    /** Names the plugin (connector or transform) whose bundle went away during the run, or answers null. */
    private final Supplier<String> missingPlugin;
    private CheckpointCommitter committer;
    /** The reader while the stream runs, told of every stored offset (a change feed confirms its log then). */
    private StreamReader reader;
    private ChangeWriter changes;
    private final RejectIsolator isolator;
    /** The splits of this run by id: the whole stream alone, or key ranges. */
    private final Map<String, Split> splits = new LinkedHashMap<>();
    /** Per split, the offset of its last batch written since the last flush. */
    private final Map<String, Offset> splitPositions = new LinkedHashMap<>();
    /** Splits whose reader ended since the last flush. */
    private final Set<String> splitsDone = new LinkedHashSet<>();
    static final String BOUNDS = "bounds";
    static final String POSITION = "position";
    static final String DONE = "done";
    /**
     * The stored entry of a flush begun for writers that record flushes: its token and the offsets it stores, by
     * split, each as its version and values. Not a split.
     */
    static final String PENDING_FLUSH = "~flush";
    private static final String TOKEN = "token";
    private static final String OFFSETS = "offsets";
    private static final String VERSION = "version";
    private static final String VALUES = "values";

    private record Rejected(String reason, Map<String, Object> values, ChainReject step) {
    }

    /** Marks a dead letter of a record the source could not read (step -1, type {@code source}): not replayable. */
    static final ChainReject UNREADABLE = new ChainReject(-1, "source", null, null, null);

    StreamSync(String pipelineId, PipelineDefinition definition, StreamPlan plan, ConnectorSession source,
               ConnectorSession destination, StreamState state, DeadLetterStore deadLetters, RunJournal journal,
               RunControl control, StreamCounters counters, Clock clock, TransformChain chain,
               Supplier<String> missingPlugin) {
        this.pipelineId = pipelineId;
        this.definition = definition;
        this.plan = plan;
        this.source = source;
        this.destination = destination;
        this.state = state;
        this.deadLetters = deadLetters;
        this.journal = journal;
        this.control = control;
        this.counters = counters;
        this.clock = clock;
        this.streamName = plan.stream().id().toString();
        this.chain = chain;
        this.isolator = new RejectIsolator(counters::written,
                (reason, single) -> reject(reason, JsonValues.row(single.schema(), single.rows().get(0)), null));
        this.missingPlugin = missingPlugin;
    }

    /** Runs the stream to its end, or to the batch boundary where the run was stopped. */
    void run() throws ConnectorException, TransformException, InterruptedException {
        StreamId id = plan.stream().id();
        Map<String, Offset> stored = plan.resumable()
                ? state.offsets().all(pipelineId).getOrDefault(streamName, Map.of()) : Map.of();
        noteSchema();
        RunStreamContext context = new RunStreamContext(journal, id, control, io.arus.core.engine.ChangeFeeds.name(pipelineId, streamName));
        // the source's row count runs while the rows load (a change-capture stream is not counted: its source
        // changes while the feed runs, so counts compared would not mean anything)
        boolean checked = plan.syncMode() != SyncMode.CDC && definition.normalizedZone();
        String softDeleted = plan.softDeleteField() != null && "delete".equals(definition.softDeleteMode())
                ? plan.softDeleteField() : null;
        QualityChecks.SourceCount sourceCount = checked ? QualityChecks.countSource(definition.qualityChecks(), plan,
                source, softDeleted, !chain.steps().isEmpty()) : null;
        ZoneWriters.Sinks sinks = new ZoneWriters.Sinks(journal.runId(), clock, isolator, counters::deleted);
        // the chain's output decides the normalized table; without steps it is the source's schema
        try (ZoneWriters zones = ZoneWriters.open(destination, definition, plan, chain.outputSchema(), context, sinks,
                !stored.isEmpty(), !chain.steps().isEmpty());
             Readers readers = open(resume(zones, stored), context)) {
            this.reader = readers.single();
            this.changes = zones.normalized() instanceof ChangeWriter writer ? writer : null;
            ReaderPump pump = new ReaderPump(readers.sources(), chain,
                    new ArrayBlockingQueue<>(Math.max(QUEUE_BATCHES, 2 * readers.sources().size())), control, streamName);
            int rowsPerFlush = CheckpointCommitter.rowsPerFlush(zones.normalized(), zones.raw());
            committer = new CheckpointCommitter(zones.normalized(), zones.raw(), rowsPerFlush, clock,
                    plan.resumable() ? this::storeOffset : null, plan.syncMode() == SyncMode.CDC
                            ? definition.checkpointSeconds() * 1000L : CheckpointCommitter.FLUSH_EVERY_MS,
                    zones.recording().isEmpty() ? null : this::prepareFlush);
            // a REPLACE into a staging table stores nothing per batch: its batches load over as many writers at
            // once as the pipeline's parallelism leaves the stream, when the destination opens lanes
            WriteLanes lanes = null;
            if (plan.writeMode() == WriteMode.REPLACE && plan.syncMode() == SyncMode.FULL_REFRESH
                    && zones.normalized() != null && rowsPerFlush == 0 && readersPerStream() > 1) {
                lanes = WriteLanes.open(zones.normalized(), readersPerStream(), (writer, rows) -> {
                    long loadStart = System.nanoTime();
                    zones.writeNormalized(writer, rows, true);
                    counters.batchWritten(rows.size(), System.nanoTime() - loadStart);
                }, streamName);
            }
            long writeNanos = 0;
            long batchNumber = 0;
            if (rowsPerFlush > 0) {
                journal.info(streamName + ": the destination takes " + rowsPerFlush + " rows per flush; batches are "
                        + "flushed together (offsets stored after each flush)");
            }
            pump.start();
            try (WriteLanes closing = lanes) {
                for (ReaderPump.Pumped pumped = pump.next(); pumped != null; pumped = pump.next()) {
                    RecordBatch batch = pumped.read();
                    splitsDone.addAll(pump.takeFinished());
                    counters.read(batch);
                    for (UnreadableRecord unreadable : batch.unreadable()) {
                        reject(unreadable.reason(), unreadable.values(), UNREADABLE);
                    }
                    if (plan.syncMode() == SyncMode.CDC) {
                        counters.lag(reader.bytesBehind(), ChangeLag.millisBehind(batch, clock.instant()));
                    }
                    long writeStart = System.nanoTime();
                    // the chain ran on the reader's thread; a step that could not go on threw from next()
                    TransformChain.Outcome transformed = pumped.transformed();
                    counters.filtered(transformed.filtered());
                    for (ChainReject reject : transformed.rejected()) {
                        reject(reject.reason(), JsonValues.row(reject.schema(), reject.values()), reject);
                    }
                    if (lanes != null) {
                        zones.writeRaw(batch);
                        lanes.write(transformed.batch());
                    } else {
                        zones.write(batch, transformed.batch(), rowsPerFlush == 0);
                    }
                    if (batch.offsetAfter() != null) {
                        splitPositions.put(pumped.split(), batch.offsetAfter());
                    }
                    committer.written(batch);
                    String missing = missingPlugin.get();
                    boolean present = missing == null;
                    if (!committer.deferred() || committer.due() || !present || control.isPaused()
                            || control.isStopped()) {
                        committer.flush();
                    }
                    long batchNanos = System.nanoTime() - writeStart;
                    writeNanos += batchNanos;
                    RunTracing.batch(batchNumber++, transformed.batch().size(), writeStart);
                    if (lanes == null) {
                        counters.batchWritten(transformed.batch().size(), batchNanos);
                    }
                    counters.flushed();
                    if (!present) {
                        // the bundle went away (its objects may still answer for a while): stop cleanly here
                        control.stop(RunControl.Stop.INTERRUPTED, missing + " unavailable; stopped at a batch boundary with"
                                + " the offsets kept; the next run resumes once it is back");
                    }
                    if (control.isPaused()) {
                        if (lanes != null) {
                            lanes.drain();
                        }
                        counters.saveNow();
                        journal.info(streamName + ": paused at a batch boundary, offsets stored");
                        control.awaitWhilePaused();
                        if (!control.isStopped()) {
                            journal.info(streamName + ": resumed");
                        }
                    }
                    if (control.isStopped()) {
                        pump.wakeup();
                        return;
                    }
                }
                splitsDone.addAll(pump.takeFinished());
                if (lanes != null) {
                    lanes.drain();
                }
                if (!control.isStopped()) {
                    committer.flush();
                }
            } finally {
                pump.stop();
                journal.info(streamName + ": reading took " + millis(pump.pollNanos.get()) + " ms, transforming "
                        + millis(pump.transformNanos.get()) + " ms (then "
                        + millis(pump.blockedNanos.get()) + " ms waiting for the writer)"
                        + (readers.sources().size() > 1 ? " over " + readers.sources().size() + " readers" : "")
                        + ", writing "
                        + millis(writeNanos) + " ms" + (lanes != null ? " over " + lanes.size() + " writers" : "")
                        + " (then " + millis(pump.waitNanos) + " ms waiting for the reader)");
            }
            if (control.isStopped()) {
                // stopped at a batch boundary: flushed batches and their offsets stay; a REPLACE staging table is
                // not swapped in (closing the writer drops it)
                return;
            }
            zones.complete();
            if (plan.syncMode() == SyncMode.FULL_REFRESH && plan.resumable()) {
                // a finished full refresh starts over next time; its in-progress offset only served a crash
                state.offsets().clear(pipelineId, streamName);
            }
        }
        if (plan.syncMode() == SyncMode.CDC) {
            journal.info(streamName + ": quality checks are not run on change-capture streams");
        } else if (checked) {
            QualityChecks.Outcome outcome = QualityChecks.run(definition.qualityChecks(), plan,
                    new StreamId(definition.targetNamespace(), plan.stream().id().name()), sourceCount, destination,
                    chain.steps().isEmpty() ? null : counters.rowsFiltered());
            counters.checks(outcome.json(), outcome.warned());
            journal.info(streamName + ": quality checks " + outcome.json());
            if (outcome.failure() != null) {
                counters.announce(RunEvents.QUALITY_CHECK, outcome.failure());
                throw new QualityCheckFailed(streamName + ": " + outcome.failure());
            }
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * Sends a row to dead letters (with the flush that covers it, when flushes span batches).
     *
     * @param step the transform step that rejected it, or null when the destination refused it
     */
    private void reject(String reason, Map<String, Object> values, ChainReject step) {
        Rejected letter = new Rejected(reason, values, step);
        committer.reject(() -> store(letter));
        long rejected = counters.rejected(1);
        if (definition.errorThreshold() != null && rejected > definition.errorThreshold()) {
            throw new ErrorThresholdExceeded(streamName + ": " + rejected + " rows rejected, more than the pipeline's "
                    + "error threshold of " + definition.errorThreshold() + "; last reason: " + reason);
        }
    }

    private void store(Rejected letter) {
        if (letter.step() == null) {
            deadLetters.add(journal.runId(), pipelineId, streamName, letter.reason(), letter.values());
        } else {
            deadLetters.add(journal.runId(), pipelineId, streamName, letter.reason(), letter.values(),
                    letter.step().step(), letter.step().type());
        }
    }

    /**
     * Where the stream and its splits start next time and which writers hold what, settled from the stored offsets:
     * a flush begun and not seen end ({@link #PENDING_FLUSH}) is kept when every writer that records flushes holds
     * it, and withdrawn from the writers that hold it otherwise.
     *
     * @return the splits to read
     */
    private List<SplitRead> resume(ZoneWriters zones, Map<String, Offset> stored) throws ConnectorException {
        Map<String, Offset> offsets = new LinkedHashMap<>(stored);
        Offset pending = offsets.remove(PENDING_FLUSH);
        if (pending != null) {
            settle(zones.recording(), pending, offsets);
        }
        Offset start = offsets.get(SPLIT);
        List<SplitRead> reads = splitReads(request(start), offsets);
        journal.info(streamName + ": " + plan.syncMode().id() + " into " + definition.targetNamespace() + "."
                + plan.stream().id().name() + " (" + plan.writeMode().id() + (start != null ? ", resuming at "
                + start.values() : !offsets.isEmpty() ? ", resuming its unfinished key ranges" : ", from the start")
                + ")");
        plan.notes().forEach(note -> journal.info(streamName + ": " + note));
        return reads;
    }

    @SuppressWarnings("unchecked")
    private void settle(List<StreamWriter> recording, Offset pending, Map<String, Offset> offsets)
            throws ConnectorException {
        String token = (String) pending.values().get(TOKEN);
        List<StreamWriter> holding = new ArrayList<>();
        for (StreamWriter writer : recording) {
            if (writer.holdsFlush(token)) {
                holding.add(writer);
            }
        }
        if (!recording.isEmpty() && holding.size() == recording.size()) {
            Map<String, Map<String, Object>> updates = (Map<String, Map<String, Object>>) pending.values().get(OFFSETS);
            boolean missing = false;
            for (Map.Entry<String, Map<String, Object>> update : updates.entrySet()) {
                Offset offset = new Offset(((Number) update.getValue().get(VERSION)).intValue(),
                        (Map<String, Object>) update.getValue().get(VALUES));
                if (!offset.equals(offsets.get(update.getKey()))) {
                    missing = true;
                    state.offsets().put(pipelineId, streamName, update.getKey(), offset);
                    offsets.put(update.getKey(), offset);
                }
            }
            journal.info(streamName + (missing ? ": the last flush of the run before reached the destination before its"
                    + " offsets were stored; they are stored now" : ": the last flush of the run before is in the"
                    + " destination and its offsets are stored"));
        } else {
            for (StreamWriter writer : holding) {
                writer.discardFlush(token);
            }
            journal.info(streamName + ": the last flush of the run before did not reach every writer ("
                    + holding.size() + " of " + recording.size() + " held it); it is withdrawn and its rows are read"
                    + " again");
        }
    }

    /**
     * Stores, before a deferred flush, the offsets it will store under a new token ({@link #PENDING_FLUSH}), for
     * writers that record flushes.
     *
     * @return the token, or null when the flush stores no offset
     */
    private String prepareFlush(Offset offset) {
        Map<String, Offset> updates = checkpoint(offset);
        if (updates.isEmpty()) {
            return null;
        }
        String token = UUID.randomUUID().toString();
        Map<String, Object> encoded = new LinkedHashMap<>();
        updates.forEach((split, update) -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put(VERSION, update.version());
            value.put(VALUES, update.values());
            encoded.put(split, value);
        });
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(TOKEN, token);
        values.put(OFFSETS, encoded);
        state.offsets().put(pipelineId, streamName, PENDING_FLUSH, new Offset(1, values));
        return token;
    }

    /**
     * Stores the offset with JSON-friendly values (a connector may hand temporal or binary values). A stream read in
     * splits stores, per split written since the last flush, its bounds, its last position and whether it ended.
     */
    private void storeOffset(Offset offset) {
        Map<String, Offset> updates = checkpoint(offset);
        updates.forEach((split, update) -> state.offsets().put(pipelineId, streamName, split, update));
        if (updates.containsKey(SPLIT)) {
            reader.committed(offset);
        }
        splitPositions.clear();
        splitsDone.clear();
    }

    /** @return the offsets to store, by split, once the batches written up to {@code offset} are flushed */
    private Map<String, Offset> checkpoint(Offset offset) {
        if (changes != null && changes.inSnapshot()) {
            // the snapshot lands in a staging table that a crash drops: resuming from its offsets would lose rows
            return Map.of();
        }
        if (splits.size() == 1 && splits.containsKey(SPLIT)) {
            return Map.of(SPLIT, json(offset));
        }
        Set<String> touched = new LinkedHashSet<>(splitPositions.keySet());
        touched.addAll(splitsDone);
        Map<String, Offset> updates = new LinkedHashMap<>();
        for (String split : touched) {
            // a range that ended with no batch since the last flush is stored done; its position no longer matters
            Offset position = splitPositions.get(split);
            updates.put(split, splitOffset(split, position == null ? null : json(position), splitsDone.contains(split)));
        }
        return updates;
    }

    /** Stores a split's bounds, its position (null: from its beginning) and whether its reader ended. */
    private void storeSplit(String split, Offset position, boolean done) {
        state.offsets().put(pipelineId, streamName, split, splitOffset(split, position, done));
    }

    private Offset splitOffset(String split, Offset position, boolean done) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(BOUNDS, splits.get(split).bounds());
        values.put(POSITION, position == null ? null : position.values());
        values.put(DONE, done);
        return new Offset(position == null ? 1 : position.version(), values);
    }

    @SuppressWarnings("unchecked")
    private static Offset json(Offset offset) {
        return new Offset(offset.version(), (Map<String, Object>) JsonValues.value(offset.values()));
    }

    private ReadRequest request(Offset start) {
        return ReadRequest.builder(plan.stream().id()).syncMode(plan.syncMode()).cursorField(plan.cursorField())
                .primaryKey(plan.primaryKey()).startOffset(start).batchSize(definition.batchSize())
                .batchBytes(definition.batchBytes())
                .lookBack(Duration.ofSeconds(definition.lookBackSeconds()))
                .follow(plan.syncMode() == SyncMode.CDC && definition.followChanges())
                .batchWait(plan.syncMode() == SyncMode.CDC ? Duration.ofSeconds(definition.checkpointSeconds()) : null)
                .build();
    }

    /**
     * One split to read in this run and where its reader starts.
     *
     * @param split the split
     * @param start its stored position, or null from its beginning
     */
    private record SplitRead(Split split, Offset start) {
    }

    /**
     * @return the splits to read: those a crashed run left unfinished (the ones it finished are not read again), or
     *         the source's splits of a full refresh without transform steps when the pipeline's parallelism leaves
     *         this stream more than one reader, or the whole stream
     */
    @SuppressWarnings("unchecked")
    private List<SplitRead> splitReads(ReadRequest request, Map<String, Offset> stored) throws ConnectorException {
        List<SplitRead> reads = new ArrayList<>();
        if (!stored.isEmpty() && !stored.containsKey(SPLIT)) {
            int finished = 0;
            for (Map.Entry<String, Offset> entry : stored.entrySet()) {
                Map<String, Object> values = entry.getValue().values();
                Split split = new Split(entry.getKey(), (Map<String, Object>) values.getOrDefault(BOUNDS, Map.of()));
                splits.put(split.id(), split);
                if (Boolean.TRUE.equals(values.get(DONE))) {
                    finished++;
                    continue;
                }
                Map<String, Object> position = (Map<String, Object>) values.get(POSITION);
                reads.add(new SplitRead(split, position == null ? null : new Offset(entry.getValue().version(), position)));
            }
            journal.info(streamName + ": resuming " + reads.size() + " unfinished key ranges of " + stored.size()
                    + "; the " + finished + " finished ones are not read again");
            return reads;
        }
        // a stream with transform steps is read by one reader: its steps run one batch at a time (they may keep
        // state, like dedupe), so more readers would only compete with them for the processors. A table without a
        // key is cut into page ranges, which cannot resume part way (their rows have no order): only a stream that
        // starts over after a crash anyway (a REPLACE into a staging table) is read so
        boolean inRanges = stored.isEmpty() && plan.syncMode() == SyncMode.FULL_REFRESH && readersPerStream() > 1
                && chain.steps().isEmpty() && (!plan.resumable() || !plan.primaryKey().isEmpty());
        List<Split> cut = inRanges ? source.splits(request, readersPerStream()) : List.of(Split.WHOLE);
        for (Split split : cut) {
            splits.put(split.id(), split);
            reads.add(new SplitRead(split, cut.size() == 1 ? request.startOffset() : null));
            if (cut.size() > 1 && plan.resumable()) {
                // every range is stored before reading, so a crash before its first flush does not forget it
                storeSplit(split.id(), null, false);
            }
        }
        if (cut.size() > 1) {
            journal.info(streamName + ": read by " + cut.size() + " readers at once, in " + (plan.primaryKey().isEmpty()
                    ? "page ranges on one snapshot " : "key ranges ")
                    + cut.stream().map(s -> s.id() + " " + s.bounds()).toList());
        }
        return reads;
    }

    /** @return the readers one stream may use: the pipeline's parallelism shared by the streams running at once */
    private int readersPerStream() {
        int streamsAtOnce = Math.max(1, Math.min(definition.parallelism(), definition.streams().size()));
        return Math.max(1, definition.parallelism() / streamsAtOnce);
    }

    /**
     * The open readers of one stream.
     *
     * @param sources a reader per split
     */
    private record Readers(List<ReaderPump.Source> sources) implements AutoCloseable {
        /** @return the reader of a stream read whole, or null when it is read in splits */
        StreamReader single() {
            return sources.size() == 1 && SPLIT.equals(sources.get(0).split()) ? sources.get(0).reader() : null;
        }

        @Override
        public void close() {
            RuntimeException failure = null;
            for (ReaderPump.Source source : sources) {
                try {
                    source.reader().close();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private Readers open(List<SplitRead> reads, RunStreamContext context) throws ConnectorException {
        List<ReaderPump.Source> sources = new ArrayList<>();
        try {
            for (SplitRead read : reads) {
                sources.add(new ReaderPump.Source(read.split().id(),
                        source.openReader(request(read.start()), read.split(), context)));
            }
            return new Readers(sources);
        } catch (ConnectorException | RuntimeException e) {
            try {
                new Readers(sources).close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * Compares the source's columns with those the last run saw; a difference is logged and announced as
     * {@link RunEvents#SCHEMA_CHANGED}.
     */
    private void noteSchema() {
        List<String> columns = columns();
        Optional<List<String>> stored = state.schemas().get(pipelineId, streamName);
        if (stored.isPresent() && !stored.get().equals(columns)) {
            List<String> before = stored.get();
            List<String> added = columns.stream().filter(c -> !before.contains(c)).toList();
            List<String> removed = before.stream().filter(c -> !columns.contains(c)).toList();
            String change = "source schema changed: " + (added.isEmpty() ? "" : "now " + added)
                    + (added.isEmpty() || removed.isEmpty() ? "" : ", ") + (removed.isEmpty() ? "" : "was " + removed);
            journal.info(streamName + ": " + change);
            SchemaChanges.between(removed, added).forEach(c -> counters.schemaChange(c.kind(), c.column(), c.detail()));
            counters.announce(RunEvents.SCHEMA_CHANGED, change);
        }
        state.schemas().put(pipelineId, streamName, columns);
    }

    private List<String> columns() {
        return plan.stream().schema().fields().stream().map(f -> f.name() + " " + f.type()).toList();
    }

}

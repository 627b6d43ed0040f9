package io.arus.connector.files;

import io.arus.api.connector.BatchLimit;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamReader;
import io.arus.api.record.Offset;
import io.arus.api.record.RecordBatch;
import io.arus.api.record.UnreadableRecord;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a files stream file by file in path order, skipping the files the start offset lists with the same
 * signature (and the records already read of the file it was in): in incremental runs only new and changed files
 * are read. A record that cannot be read travels with its batch as an {@link UnreadableRecord} naming the file and
 * line, and is logged; a broken file (a CSV quote never closed) yields one for the rest of the file. Every batch's
 * offset lists the files read whole so far, so resuming neither skips nor repeats a record.
 */
final class FilesReader implements StreamReader {
    /** Unreadable records named one by one in the run's log; the rest are counted. */
    private static final int LOGGED = 20;

    private final FilesSettings settings;
    private final Storage storage;
    private final StreamContext context;
    private final Schema columns;
    private final Schema schema;
    private final BatchLimit limit;
    private final Deque<Storage.StoredFile> pending = new ArrayDeque<>();
    private final Map<String, String> done = new LinkedHashMap<>();
    private final FileOffset start;
    private Storage.StoredFile current;
    private RecordFileReader reader;
    private Path local;
    private long records;
    private long unreadable;
    private volatile boolean woken;
    private boolean finished;
    private Offset returned;

    FilesReader(FilesSettings settings, Storage storage, SourceStream stream, Schema columns, FileOffset start,
                BatchLimit limit, StreamContext context) {
        this.settings = settings;
        this.storage = storage;
        this.context = context;
        this.columns = columns;
        List<Field> fields = new ArrayList<>(columns.fields());
        fields.addAll(SourceStream.FILE_COLUMNS.fields());
        this.schema = Schema.of(fields);
        this.limit = limit;
        this.start = start;
        int skipped = 0;
        for (Storage.StoredFile f : stream.files()) {
            String sig = FileOffset.signature(f);
            if (sig.equals(start.done().get(f.path()))) {
                done.put(f.path(), sig);
                skipped++;
            } else {
                pending.add(f);
            }
        }
        context.log(System.Logger.Level.INFO, stream.name() + ": " + pending.size() + " files to read ("
                + (skipped == 0 ? "none" : skipped) + " unchanged since the last offset)");
    }

    /** @return the columns of the batches */
    Schema schema() {
        return schema;
    }

    @Override
    public RecordBatch poll() throws ConnectorException {
        if (finished) {
            return null;
        }
        woken = false;
        List<Object[]> rows = new ArrayList<>();
        List<UnreadableRecord> bad = new ArrayList<>();
        limit.reset();
        try {
            while (!limit.full(rows.size() + bad.size()) && !woken && !context.isStopped()) {
                if (reader == null && !openNext()) {
                    finished = true;
                    break;
                }
                RecordFileReader.FileRecord r;
                try {
                    r = reader.next();
                } catch (MalformedFileException e) {
                    bad.add(unreadable(e.line(), records + 1, e.getMessage(), null));
                    r = null;
                }
                if (r == null) {
                    closeCurrent(true);
                    continue;
                }
                records = r.number();
                if (r.row() != null) {
                    Object[] row = withFileColumns(r);
                    rows.add(row);
                    limit.add(row);
                } else {
                    bad.add(unreadable(r.line(), r.number(), "line " + r.line() + ": " + r.problem(), r.text()));
                }
            }
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, (current == null ? "" : current.path() + ": ") + e.getMessage(), e);
        }
        Offset offset = offset();
        if (finished && rows.isEmpty() && bad.isEmpty() && offset.equals(returned)) {
            return null;
        }
        // at the end, an empty batch still carries the offset that lists the last file as read whole
        returned = offset;
        return RecordBatch.of(schema, rows, offset).withUnreadable(bad);
    }

    private boolean openNext() throws IOException {
        Storage.StoredFile f = pending.poll();
        if (f == null) {
            return false;
        }
        current = f;
        records = 0;
        InputStream in = null;
        if (settings.format() == FileFormat.PARQUET) {
            local = SourceFiles.local(storage, f);
        } else {
            in = storage.open(f.path());
        }
        reader = RecordFileReader.open(settings.format(), in, local, columns, settings.csv());
        if (f.path().equals(start.file()) && FileOffset.signature(f).equals(start.sig())) {
            // resuming inside this file: its first records were read and flushed already
            for (long i = 0; i < start.records(); i++) {
                RecordFileReader.FileRecord skipped = reader.next();
                if (skipped == null) {
                    break;
                }
                records = skipped.number();
            }
        }
        return true;
    }

    private Object[] withFileColumns(RecordFileReader.FileRecord r) {
        Object[] row = new Object[schema.size()];
        System.arraycopy(r.row(), 0, row, 0, r.row().length);
        int n = columns.size();
        row[n] = current.path();
        row[n + 1] = r.number();
        row[n + 2] = Instant.ofEpochMilli(current.modified());
        return row;
    }

    private UnreadableRecord unreadable(long line, long number, String problem, String text) {
        String reason = current.path() + " " + problem;
        if (++unreadable <= LOGGED) {
            context.log(System.Logger.Level.WARNING, "unreadable record: " + reason);
        } else if (unreadable == LOGGED + 1) {
            context.log(System.Logger.Level.WARNING, "more unreadable records: counted, not logged one by one");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(SourceStream.FILE, current.path());
        values.put("_line", line);
        values.put(SourceStream.ROW, number);
        if (text != null) {
            values.put("_text", text);
        }
        return new UnreadableRecord(reason, values);
    }

    private void closeCurrent(boolean whole) throws IOException {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            reader = null;
            SourceFiles.release(storage, local);
            local = null;
            if (whole && current != null) {
                done.put(current.path(), FileOffset.signature(current));
            }
            current = null;
        }
    }

    private Offset offset() {
        return current == null ? new FileOffset(done, null, null, 0).toOffset()
                : new FileOffset(done, current.path(), FileOffset.signature(current), records).toOffset();
    }

    @Override
    public void wakeup() {
        woken = true;
    }

    @Override
    public void close() {
        try {
            closeCurrent(false);
        } catch (IOException ignored) {
            // nothing was written
        }
        if (unreadable > 0) {
            context.log(System.Logger.Level.WARNING, unreadable + " unreadable records");
        }
    }
}

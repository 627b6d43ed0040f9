package io.arus.connector.files;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes one stream as files under its table folder: rows go to one open file per partition, a file is closed at
 * {@code roll_rows} rows or {@code roll_bytes} bytes, and {@link #flush()} closes the open files, publishes them
 * whole ({@link Storage#publish}) and then records them in the manifest, so an offset the engine stores after the
 * flush never points past a file that is not in the manifest.
 * <p>
 * {@code append} adds files beside the ones there; {@code replace} writes under {@code run-<run id>/} and on
 * {@link #complete()} writes a manifest listing only those, then removes every other data file of the table.
 * Data files that no manifest lists (left by a run that died between publishing and the manifest; their rows are
 * re-delivered from the stored offset), and hidden temporary files older than this process, are removed when the next
 * writer opens.
 * <p>
 * In append mode the writer records flushes ({@link #recordsFlushes()}): each file listed carries the token of the
 * flush that published it, and the manifest keeps the last tokens, so that after a kill between a flush and the
 * engine storing its offset the engine finds the flush here and stores that offset (or withdraws the flush's files)
 * instead of writing those rows a second time.
 */
final class FilesWriter implements StreamWriter {
    private static final Map<String, Object> TABLE_LOCKS = new ConcurrentHashMap<>();
    /** When this JVM started: a temporary file older than that belongs to a writer that is gone. */
    private static final long PROCESS_STARTED = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    /** The most rows kept unpublished between flushes, whatever roll_rows says. */
    static final long MAX_ROWS_PER_FLUSH = 1_000_000;

    private final FilesSettings settings;
    private final Storage storage;
    private final StreamContext context;
    private final WriteMode mode;
    private final String table;
    private final String dataRoot;
    private final String filePrefix;
    private final Object lock;
    private Schema schema;
    private int[] partitionIndexes;
    private final Map<String, OpenFile> open = new LinkedHashMap<>();
    private final List<OpenFile> closed = new ArrayList<>();
    private final List<Manifest.Entry> published = new ArrayList<>();
    private int sequence;
    private long publishNanos;
    private boolean completed;

    private static final class OpenFile {
        final Path staged;
        final String relative;
        final RowFileWriter writer;
        long rows;

        OpenFile(Path staged, String relative, RowFileWriter writer) {
            this.staged = staged;
            this.relative = relative;
            this.writer = writer;
        }
    }

    FilesWriter(FilesSettings settings, Storage storage, WriteRequest request, StreamContext context)
            throws ConnectorException {
        if (request.writeMode() == WriteMode.UPSERT) {
            throw new ConnectorException(Kind.UNSUPPORTED, FilesConnector.UPSERT_REFUSED);
        }
        this.settings = settings;
        this.storage = storage;
        this.context = context;
        this.mode = request.writeMode();
        String ns = request.target().namespace();
        this.table = (ns == null || ns.isBlank() ? "" : safe(ns) + "/") + safe(request.target().name());
        String run = safe(context.runId());
        this.dataRoot = mode == WriteMode.REPLACE ? table + "/run-" + run : table;
        this.filePrefix = "part-" + run + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        this.lock = TABLE_LOCKS.computeIfAbsent(settings.location() + "/" + table, k -> new Object());
        schema(request.schema());
        if (mode == WriteMode.APPEND) {
            removeUnlisted(Set.of());
        }
    }

    private void schema(Schema newSchema) throws ConnectorException {
        int[] indexes = new int[settings.partitionBy().size()];
        try {
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = settings.partitionBy().get(i).index(newSchema);
            }
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Kind.CONFIGURATION, table + ": " + e.getMessage());
        }
        this.schema = newSchema;
        this.partitionIndexes = indexes;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.=-]", "_");
    }

    @Override
    public void write(RecordBatch batch) throws ConnectorException {
        // every row is checked and placed before any is written: a refused batch leaves nothing behind, which the
        // engine requires of a writer that takes several batches per flush (rowsPerFlush)
        String[] folders = new String[batch.size()];
        try {
            int r = 0;
            for (Object[] row : batch.rows()) {
                if (settings.format() == FileFormat.PARQUET) {
                    ParquetRowWriter.check(schema, row);
                }
                folders[r++] = folder(row);
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new ConnectorException(Kind.DATA, table + ": " + e.getMessage(), e);
        }
        try {
            int r = 0;
            for (Object[] row : batch.rows()) {
                String key = folders[r++];
                OpenFile file = open.get(key);
                if (file == null) {
                    file = openFile(key);
                    open.put(key, file);
                }
                file.writer.write(row);
                file.rows++;
                if (file.rows >= settings.rollRows() || file.writer.bytes() >= settings.rollBytes()) {
                    file.writer.close();
                    closed.add(open.remove(key));
                }
            }
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, table + ": writing a file failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConnectorException(Kind.INTERNAL, table + ": writing a file failed: " + e, e);
        }
    }

    private String folder(Object[] row) {
        if (partitionIndexes.length == 0) {
            return dataRoot;
        }
        StringBuilder folder = new StringBuilder(dataRoot);
        for (int i = 0; i < partitionIndexes.length; i++) {
            folder.append('/').append(settings.partitionBy().get(i).folder(row[partitionIndexes[i]]));
        }
        return folder.toString();
    }

    /**
     * Files are rolled at {@code roll_rows}, not at every batch: each flush closes and publishes the open files, so
     * flushing per batch would cut a run into files of one batch per partition (and one upload each).
     */
    @Override
    public int rowsPerFlush() {
        return (int) Math.min(settings.rollRows(), MAX_ROWS_PER_FLUSH);
    }

    private OpenFile openFile(String folder) throws IOException {
        String relative = folder + "/" + filePrefix + String.format("%05d", sequence++) + "."
                + settings.format().extension();
        Path staged = storage.stage(relative);
        return new OpenFile(staged, relative, RowFileWriter.open(staged, schema, settings));
    }

    @Override
    public void delete(List<Object[]> keys) throws ConnectorException {
        throw new ConnectorException(Kind.UNSUPPORTED, "files are written in append or replace mode; rows cannot be"
                + " deleted from them");
    }

    @Override
    public void evolve(Schema newSchema) throws ConnectorException {
        closeOpenFiles();
        schema(newSchema);
    }

    private void closeOpenFiles() throws ConnectorException {
        try {
            for (OpenFile f : open.values()) {
                f.writer.close();
                closed.add(f);
            }
            open.clear();
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, table + ": closing a file failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() throws ConnectorException {
        flush(null, false);
    }

    @Override
    public boolean recordsFlushes() {
        return mode == WriteMode.APPEND;
    }

    @Override
    public void flush(String token) throws ConnectorException {
        flush(token, true);
    }

    private void flush(String token, boolean recorded) throws ConnectorException {
        if (recorded && mode != WriteMode.APPEND) {
            throw new ConnectorException(Kind.INTERNAL, table + ": flushes are recorded in append mode only");
        }
        closeOpenFiles();
        List<Manifest.Entry> added = new ArrayList<>();
        // publishing and listing in the manifest under one lock, so another writer's clean-up never sees a
        // published file that is not listed yet
        synchronized (lock) {
            flushLocked(added, token);
        }
    }

    @Override
    public boolean holdsFlush(String token) throws ConnectorException {
        try {
            synchronized (lock) {
                byte[] json = storage.get(table + "/" + Manifest.NAME);
                return json != null && (Manifest.flushes(json).contains(token)
                        || Manifest.files(json).stream().anyMatch(e -> token.equals(e.flush())));
            }
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, table + ": " + e.getMessage(), e);
        }
    }

    /** Unlists the flush's files and its token from the manifest, then deletes those files. */
    @Override
    public void discardFlush(String token) throws ConnectorException {
        try {
            synchronized (lock) {
                byte[] json = storage.get(table + "/" + Manifest.NAME);
                if (json == null) {
                    return;
                }
                List<Manifest.Entry> kept = new ArrayList<>();
                List<Manifest.Entry> dropped = new ArrayList<>();
                for (Manifest.Entry e : Manifest.files(json)) {
                    (token.equals(e.flush()) ? dropped : kept).add(e);
                }
                List<String> flushes = new ArrayList<>(Manifest.flushes(json));
                flushes.remove(token);
                writeManifest(kept, flushes);
                for (Manifest.Entry e : dropped) {
                    storage.delete(table + "/" + e.path());
                }
                context.log(System.Logger.Level.INFO, table + ": withdrew " + dropped.size() + " files ("
                        + dropped.stream().mapToLong(Manifest.Entry::rows).sum() + " rows) of flush " + token
                        + ", whose offset was not stored");
            }
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, table + ": " + e.getMessage(), e);
        }
    }

    private void flushLocked(List<Manifest.Entry> added, String token) throws ConnectorException {
        try {
            while (!closed.isEmpty()) {
                OpenFile f = closed.get(0);
                long start = System.nanoTime();
                long bytes = storage.publish(f.staged, f.relative);
                publishNanos += System.nanoTime() - start;
                closed.remove(0);
                added.add(new Manifest.Entry(f.relative.substring(table.length() + 1), f.rows, bytes, context.runId(),
                        token));
            }
            published.addAll(added);
            if (mode == WriteMode.APPEND) {
                byte[] json = storage.get(table + "/" + Manifest.NAME);
                List<Manifest.Entry> files = new ArrayList<>(json == null ? List.of() : Manifest.files(json));
                files.addAll(added);
                List<String> flushes = new ArrayList<>(json == null ? List.of() : Manifest.flushes(json));
                if (token != null) {
                    flushes.add(token);
                }
                writeManifest(files, flushes.subList(Math.max(0, flushes.size() - Manifest.FLUSHES_KEPT),
                        flushes.size()));
            }
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, table + ": " + e.getMessage(), e);
        }
    }

    private List<Manifest.Entry> current() throws IOException {
        byte[] json = storage.get(table + "/" + Manifest.NAME);
        return json == null ? List.of() : Manifest.files(json);
    }

    private void writeManifest(List<Manifest.Entry> files, List<String> flushes) throws IOException {
        Manifest manifest = new Manifest(context.runId(), mode.id(), settings.format().id(), schema, files, flushes);
        storage.put(table + "/" + Manifest.NAME, manifest.toJson());
    }

    @Override
    public void complete() throws ConnectorException {
        flush();
        try {
            synchronized (lock) {
                if (mode == WriteMode.REPLACE) {
                    writeManifest(published, List.of());
                    Set<String> keep = new HashSet<>();
                    published.forEach(e -> keep.add(e.path()));
                    removeUnlisted(keep);
                } else if (published.isEmpty()) {
                    byte[] json = storage.get(table + "/" + Manifest.NAME);
                    writeManifest(json == null ? List.of() : Manifest.files(json),
                            json == null ? List.of() : Manifest.flushes(json));
                }
            }
            completed = true;
            context.log(System.Logger.Level.INFO, table + ": " + published.size() + " files, "
                    + published.stream().mapToLong(Manifest.Entry::rows).sum() + " rows written to "
                    + settings.location() + "/" + table + " (publishing them took " + publishNanos / 1_000_000 + " ms)");
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the table's data files that the manifest (plus {@code keep}) does not list: leftovers of runs that
     * died after publishing, and in replace mode the previous run's files. Hidden and underscore names (temporary
     * files of writers at work, the manifest) are left alone.
     */
    private void removeUnlisted(Set<String> keep) throws ConnectorException {
        try {
            synchronized (lock) {
                Set<String> listed = new HashSet<>(keep);
                if (mode == WriteMode.APPEND) {
                    current().forEach(e -> listed.add(e.path()));
                }
                for (Storage.StoredFile f : storage.list(table)) {
                    String rel = f.path().substring(table.length() + 1);
                    if (!f.hidden() && FileFormat.byName(f.name()) != null && !listed.contains(rel)) {
                        storage.delete(f.path());
                    } else if (f.name().startsWith(".") && f.name().endsWith(".tmp") && f.modified() < PROCESS_STARTED) {
                        // a temporary file of a writer in a process that is gone (killed mid-write)
                        storage.delete(f.path());
                    }
                }
            }
        } catch (IOException e) {
            throw new ConnectorException(Kind.CONNECTION, table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (OpenFile f : open.values()) {
            try {
                f.writer.close();
            } catch (IOException | RuntimeException ignored) {
                // being discarded anyway
            }
            closed.add(f);
        }
        open.clear();
        for (OpenFile f : closed) {
            try {
                Files.deleteIfExists(f.staged);
            } catch (IOException ignored) {
                // a hidden temporary file; the next writer's clean-up does not need it gone
            }
        }
        if (mode == WriteMode.REPLACE && !completed) {
            for (Manifest.Entry e : published) {
                try {
                    storage.delete(table + "/" + e.path());
                } catch (IOException ignored) {
                    // unlisted; removed by the next replace
                }
            }
        }
    }
}

package io.arus.connector.files;

import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One stream of the files source: the files that match the glob under one top folder of the location (its name is
 * the stream's name; files right at the location make a stream named after the location's last folder), read in
 * path order; where the folder holds a {@code _manifest.json} (the files destination's), only the files it lists.
 * Its columns are given ({@code columns}) or inferred from the first {@code sample_rows} records of the oldest files
 * (the oldest Parquet file's footer), followed by the file columns {@code _file}, {@code _row} and {@code _modified}.
 *
 * @param name  the stream's name
 * @param files its files, sorted by path
 */
record SourceStream(String name, List<Storage.StoredFile> files) {
    /** The file a row came from, relative to the location. */
    static final String FILE = "_file";
    /** The row's record number in its file, from 1. */
    static final String ROW = "_row";
    /** When the row's file was last modified: the cursor of incremental reads. */
    static final String MODIFIED = "_modified";
    static final Schema FILE_COLUMNS = Schema.of(Field.of(FILE, LogicalType.STRING, false),
            Field.of(ROW, LogicalType.INT64, false), Field.of(MODIFIED, LogicalType.TIMESTAMPTZ, false));

    /**
     * @param storage  the location
     * @param settings the glob and format
     * @return the streams, by name
     * @throws IOException when the location cannot be listed
     */
    static List<SourceStream> find(Storage storage, FilesSettings settings) throws IOException {
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + settings.glob());
        Map<String, List<Storage.StoredFile>> byName = new TreeMap<>();
        Map<String, String> manifests = new HashMap<>();
        String rootName = rootName(settings.location());
        for (Storage.StoredFile f : storage.list(literalFolder(settings.glob()))) {
            int slash = f.path().indexOf('/');
            String name = slash < 0 ? rootName : f.path().substring(0, slash);
            if (f.path().equals(Manifest.NAME) || f.path().equals(name + "/" + Manifest.NAME)) {
                manifests.put(name, f.path());
                continue;
            }
            FileFormat format = FileFormat.byName(f.name());
            if (f.hidden() || (format != null && format != settings.format()) || !glob.matches(Path.of(f.path()))) {
                continue;
            }
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
        }
        List<SourceStream> streams = new ArrayList<>();
        for (Map.Entry<String, List<Storage.StoredFile>> e : byName.entrySet()) {
            List<Storage.StoredFile> files = e.getValue();
            String manifest = manifests.get(e.getKey());
            if (manifest != null) {
                files = listedIn(storage, manifest, files);
            }
            files.sort(Comparator.comparing(Storage.StoredFile::path));
            streams.add(new SourceStream(e.getKey(), List.copyOf(files)));
        }
        return streams;
    }

    /**
     * A folder the files destination wrote holds a manifest: only the files it lists are the table (not those of a
     * replace run that has not switched yet, nor the leftovers of a run that died before listing its files).
     */
    private static List<Storage.StoredFile> listedIn(Storage storage, String manifest, List<Storage.StoredFile> files)
            throws IOException {
        byte[] json = storage.get(manifest);
        if (json == null) {
            return new ArrayList<>(files);
        }
        String folder = manifest.substring(0, manifest.length() - Manifest.NAME.length());
        Set<String> listed = new HashSet<>();
        for (Manifest.Entry entry : Manifest.files(json)) {
            listed.add(folder + entry.path());
        }
        List<Storage.StoredFile> kept = new ArrayList<>();
        for (Storage.StoredFile f : files) {
            if (listed.contains(f.path())) {
                kept.add(f);
            }
        }
        return kept;
    }

    /**
     * @param glob a glob relative to the location
     * @return its folders before the first one with a wildcard ({@code orders/2024/} of {@code orders/2024/*.csv}),
     *         so that only they are listed
     */
    static String literalFolder(String glob) {
        StringBuilder folder = new StringBuilder();
        String[] parts = glob.split("/");
        for (int i = 0; i < parts.length - 1 && !parts[i].matches(".*[*?\\[\\]{}\\\\].*"); i++) {
            folder.append(folder.isEmpty() ? "" : "/").append(parts[i]);
        }
        return folder.toString();
    }

    private static String rootName(Location location) {
        String root = location.root();
        String last = root.substring(root.lastIndexOf('/') + 1);
        return last.isEmpty() ? (location.isS3() ? location.bucket() : "files") : last;
    }

    /**
     * @param storage  the location
     * @param settings the columns or how many rows to sample
     * @return the stream's descriptor: key (_file, _row), cursor candidate _modified
     * @throws IOException when a sampled file cannot be read
     */
    StreamDescriptor describe(Storage storage, FilesSettings settings) throws IOException {
        List<Field> fields = new ArrayList<>(columns(storage, settings).fields());
        fields.addAll(FILE_COLUMNS.fields());
        return new StreamDescriptor(new StreamId("", name), Schema.of(fields), List.of(FILE, ROW), List.of(MODIFIED), -1);
    }

    /** @return the columns of the files, without the file columns */
    Schema columns(Storage storage, FilesSettings settings) throws IOException {
        if (!settings.columns().isEmpty()) {
            return given(settings.columns());
        }
        if (files.isEmpty()) {
            return Schema.of(List.of());
        }
        return switch (settings.format()) {
            case PARQUET -> {
                Path local = SourceFiles.local(storage, sampleOrder().get(0));
                try {
                    yield ParquetRecordReader.schema(local);
                } finally {
                    SourceFiles.release(storage, local);
                }
            }
            case CSV -> sampleCsv(storage, settings);
            case JSONL -> sampleJson(storage, settings);
        };
    }

    /**
     * The oldest files first (then by path): files added later do not change what the first ones inferred, so an
     * incremental run keeps the columns of the runs before it.
     */
    private List<Storage.StoredFile> sampleOrder() {
        List<Storage.StoredFile> order = new ArrayList<>(files);
        order.sort(Comparator.comparingLong(Storage.StoredFile::modified).thenComparing(Storage.StoredFile::path));
        return order;
    }

    /** Reads {@code columns: ["id int64", "name string"]}. */
    static Schema given(List<String> columns) {
        List<Field> fields = new ArrayList<>();
        for (String c : columns) {
            String t = c.strip();
            int space = t.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("column '" + c + "' is not 'name type', e.g. 'id int64'");
            }
            fields.add(Field.of(t.substring(0, space), LogicalType.parse(t.substring(space + 1)), true));
        }
        return Schema.of(fields);
    }

    private Schema sampleCsv(Storage storage, FilesSettings settings) throws IOException {
        List<String> names = null;
        Map<Integer, ColumnInference> guesses = new TreeMap<>();
        int sampled = 0;
        for (Storage.StoredFile f : sampleOrder()) {
            try (InputStream in = SourceFiles.withoutBom(storage.open(f.path()));
                 var parser = settings.csv().readFormat().parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                boolean header = settings.csv().header();
                for (var record : parser) {
                    if (header) {
                        header = false;
                        if (names == null) {
                            names = record.toList();
                        }
                        continue;
                    }
                    for (int i = 0; i < record.size(); i++) {
                        guesses.computeIfAbsent(i, k -> new ColumnInference()).add(record.get(i));
                    }
                    if (++sampled >= settings.sampleRows()) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                // a broken file: what was sampled before the break counts, its records go to dead letters when read
            }
            if (sampled >= settings.sampleRows()) {
                break;
            }
        }
        int width = names != null ? names.size() : guesses.size();
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String n = names != null ? names.get(i) : "c" + (i + 1);
            ColumnInference g = guesses.get(i);
            fields.add(Field.of(n, g == null ? LogicalType.STRING : g.type(), true));
        }
        return Schema.of(fields);
    }

    private Schema sampleJson(Storage storage, FilesSettings settings) throws IOException {
        Map<String, ColumnInference> guesses = new LinkedHashMap<>();
        int sampled = 0;
        for (Storage.StoredFile f : sampleOrder()) {
            try (InputStream in = SourceFiles.withoutBom(storage.open(f.path()));
                 var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null && sampled < settings.sampleRows(); line = reader.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Object parsed;
                    try {
                        parsed = JsonValues.fromJson(line);
                    } catch (IllegalArgumentException e) {
                        continue;
                    }
                    if (parsed instanceof Map<?, ?> object) {
                        sampled++;
                        for (Map.Entry<?, ?> e : object.entrySet()) {
                            ColumnInference g = guesses.computeIfAbsent(String.valueOf(e.getKey()), k -> new ColumnInference());
                            if (e.getValue() instanceof String s) {
                                g.addJsonString(s);
                            } else {
                                g.add(e.getValue());
                            }
                        }
                    }
                }
            }
            if (sampled >= settings.sampleRows()) {
                break;
            }
        }
        List<Field> fields = new ArrayList<>();
        guesses.forEach((n, g) -> fields.add(Field.of(n, g.type(), true)));
        return Schema.of(fields);
    }

    static boolean isFileColumn(String name) {
        return FILE_COLUMNS.indexOf(name).isPresent();
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary copy
        }
    }
}

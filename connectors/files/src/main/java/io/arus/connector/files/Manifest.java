package io.arus.connector.files;

import com.fasterxml.jackson.core.JsonGenerator;
import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table's {@code _manifest.json}: the files that make up the table now, with their rows and bytes, the schema and
 * the run that wrote it last. Readers that go by the manifest see a run's files all at once: in replace mode the
 * new manifest is what switches the table to the new run's files.
 *
 * @param runId  the run that wrote this manifest
 * @param mode   {@code append} or {@code replace}
 * @param format the file format
 * @param schema the columns (of the last run)
 * @param files   the files, paths relative to the table folder
 * @param flushes the tokens of the last {@value #FLUSHES_KEPT} flushes in append mode, oldest first (those that
 *                added no file are found here only)
 */
record Manifest(String runId, String mode, String format, Schema schema, List<Entry> files, List<String> flushes) {
    static final String NAME = "_manifest.json";
    static final int FLUSHES_KEPT = 64;

    /**
     * One file.
     *
     * @param path  relative to the table folder
     * @param rows  rows it holds
     * @param bytes its size
     * @param runId the run that wrote it
     * @param flush the token of the flush that published it, or null
     */
    record Entry(String path, long rows, long bytes, String runId, String flush) {
    }

    long rows() {
        return files.stream().mapToLong(Entry::rows).sum();
    }

    long bytes() {
        return files.stream().mapToLong(Entry::bytes).sum();
    }

    byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonValues.FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("run_id", runId);
            g.writeStringField("mode", mode);
            g.writeStringField("format", format);
            g.writeStringField("written_at", Instant.now().toString());
            g.writeNumberField("rows", rows());
            g.writeNumberField("bytes", bytes());
            g.writeArrayFieldStart("schema");
            for (Field f : schema.fields()) {
                g.writeStartObject();
                g.writeStringField("name", f.name());
                g.writeStringField("type", f.type().toString());
                g.writeBooleanField("nullable", f.nullable());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("files");
            for (Entry e : files) {
                g.writeStartObject();
                g.writeStringField("path", e.path());
                g.writeNumberField("rows", e.rows());
                g.writeNumberField("bytes", e.bytes());
                g.writeStringField("run_id", e.runId());
                if (e.flush() != null) {
                    g.writeStringField("flush", e.flush());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("flushes");
            for (String token : flushes) {
                g.writeString(token);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * @param json a manifest's content
     * @return the files it lists (the schema is not read back)
     */
    @SuppressWarnings("unchecked")
    static List<Entry> files(byte[] json) {
        Map<String, Object> root = (Map<String, Object>) JsonValues.fromJson(new String(json, StandardCharsets.UTF_8));
        List<Entry> files = new ArrayList<>();
        for (Object o : (List<Object>) root.getOrDefault("files", List.of())) {
            Map<String, Object> f = (Map<String, Object>) o;
            files.add(new Entry((String) f.get("path"), ((Number) f.get("rows")).longValue(),
                    ((Number) f.get("bytes")).longValue(), String.valueOf(f.get("run_id")), (String) f.get("flush")));
        }
        return files;
    }

    /**
     * @param json a manifest's content
     * @return the tokens of its last flushes, oldest first (none in a manifest written before they were kept)
     */
    @SuppressWarnings("unchecked")
    static List<String> flushes(byte[] json) {
        Map<String, Object> root = (Map<String, Object>) JsonValues.fromJson(new String(json, StandardCharsets.UTF_8));
        List<String> flushes = new ArrayList<>();
        for (Object token : (List<Object>) root.getOrDefault("flushes", List.of())) {
            flushes.add((String) token);
        }
        return flushes;
    }
}

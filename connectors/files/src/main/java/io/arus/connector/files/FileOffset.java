package io.arus.connector.files;

import io.arus.api.record.Offset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a files stream has been read up to: the files read whole, each with its signature (size, last modified,
 * ETag), and the file being read with the records read of it. A file whose signature changed is read again whole.
 *
 * @param done    path -> signature of the files read whole
 * @param file    the file being read, or null
 * @param sig     its signature
 * @param records how many of its records were read
 */
record FileOffset(Map<String, String> done, String file, String sig, long records) {
    static final int VERSION = 1;

    static String signature(Storage.StoredFile f) {
        return f.size() + "/" + f.modified() + "/" + f.etag();
    }

    @SuppressWarnings("unchecked")
    static FileOffset from(Offset offset) {
        if (offset == null || offset.get("files") == null) {
            return new FileOffset(Map.of(), null, null, 0);
        }
        Map<String, String> done = new LinkedHashMap<>();
        ((Map<String, Object>) offset.get("files")).forEach((k, v) -> done.put(k, String.valueOf(v)));
        Object records = offset.get("records");
        return new FileOffset(done, (String) offset.get("file"), (String) offset.get("sig"),
                records == null ? 0 : ((Number) records).longValue());
    }

    Offset toOffset() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("files", new LinkedHashMap<>(done));
        if (file != null) {
            values.put("file", file);
            values.put("sig", sig);
            values.put("records", records);
        }
        return new Offset(VERSION, values);
    }
}

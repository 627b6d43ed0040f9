package io.arus.connector.files;

import java.util.Locale;

/** The file formats, with the extension their files carry. */
enum FileFormat {
    /** Apache Parquet, columnar, typed. */
    PARQUET("parquet"),
    /** RFC 4180 comma-separated values. */
    CSV("csv"),
    /** One JSON object per line. */
    JSONL("jsonl");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    /** @return the name used in configuration */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the file name extension, without the dot */
    String extension() {
        return extension;
    }

    static FileFormat of(String id) {
        return valueOf(id.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * @param fileName a file's name
     * @return the format its extension names, or null
     */
    static FileFormat byName(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        for (FileFormat f : values()) {
            if (n.endsWith("." + f.extension) || (f == JSONL && (n.endsWith(".ndjson") || n.endsWith(".json")))) {
                return f;
            }
        }
        return null;
    }
}

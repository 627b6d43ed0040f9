package io.arus.connector.files;

import io.arus.api.type.Schema;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Writes rows of one schema into one local file in one format. Not thread-safe. */
interface RowFileWriter extends Closeable {
    /**
     * @param row values in schema order
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when a value does not fit its column
     */
    void write(Object[] row) throws IOException;

    /** @return about how many bytes the file holds so far (what is still buffered may be missing) */
    long bytes();

    /**
     * Opens a writer.
     *
     * @param file     the file to create
     * @param schema   the columns
     * @param settings the format and its options
     * @return the writer
     * @throws IOException when the file cannot be created
     */
    static RowFileWriter open(Path file, Schema schema, FilesSettings settings) throws IOException {
        return switch (settings.format()) {
            case CSV -> new CsvRowWriter(file, schema, settings.csv());
            case JSONL -> new JsonLinesRowWriter(file, schema);
            case PARQUET -> new ParquetRowWriter(file, schema, settings.compression());
        };
    }
}

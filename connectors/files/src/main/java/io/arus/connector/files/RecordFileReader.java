package io.arus.connector.files;

import io.arus.api.type.Schema;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads one file's records in one format as rows of a stream's columns (matched by name, or by position in a CSV
 * without header); a column the file lacks is NULL. Not thread-safe.
 */
interface RecordFileReader extends Closeable {
    /**
     * @return the next record, or null at the end of the file
     * @throws IOException when the file cannot be read on (a broken CSV quote: the rest of the file is lost)
     */
    FileRecord next() throws IOException;

    /**
     * One record: a row, or why it could not become one.
     *
     * @param number  1-based record number in the file (what {@code _row} holds)
     * @param line    the line it starts on (the row number for Parquet)
     * @param row     the values in the stream's column order, or null when unreadable
     * @param problem why it could not be read, or null
     * @param text    the record as text for a dead letter (CSV fields joined, the JSON line), or null
     */
    record FileRecord(long number, long line, Object[] row, String problem, String text) {
    }

    /**
     * @param format  the file's format
     * @param in      the file's bytes (CSV, JSON Lines), closed with the reader
     * @param local   the file on local disk (Parquet, which needs to seek), or null
     * @param columns the stream's columns, without the file columns
     * @param csv     CSV options
     * @return a reader
     * @throws IOException when the file cannot be opened
     */
    static RecordFileReader open(FileFormat format, InputStream in, Path local, Schema columns, CsvOptions csv)
            throws IOException {
        return switch (format) {
            case CSV -> new CsvRecordReader(SourceFiles.withoutBom(in), columns, csv);
            case JSONL -> new JsonLinesRecordReader(SourceFiles.withoutBom(in), columns);
            case PARQUET -> new ParquetRecordReader(local, columns);
        };
    }
}

package io.arus.connector.files;

import io.arus.api.type.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV in UTF-8 through Commons CSV with the {@link CsvOptions} the writer uses: the NULL marker unquoted is NULL, a
 * quoted one and {@code ""} are text. With a header, fields go to the stream's columns by name; without, by position.
 * A record with a value that does not parse as its column's type, or with another number of fields than the header,
 * is unreadable (it goes to dead letters); a broken quote ends the file, as the parser cannot find the next record.
 */
final class CsvRecordReader implements RecordFileReader {
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Schema columns;
    private final int[] target;
    private final int fields;
    private long lastLine;
    private long number;

    CsvRecordReader(InputStream in, Schema columns, CsvOptions csv) throws IOException {
        this.columns = columns;
        this.parser = csv.readFormat().parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
        this.records = parser.iterator();
        List<String> header = new ArrayList<>();
        if (csv.header()) {
            CSVRecord first = nextRecord();
            if (first != null) {
                first.forEach(header::add);
            }
            lastLine = parser.getCurrentLineNumber();
        } else {
            header.addAll(columns.names());
        }
        this.fields = header.size();
        this.target = new int[header.size()];
        for (int i = 0; i < target.length; i++) {
            target[i] = columns.indexOf(header.get(i)).orElse(-1);
        }
    }

    private CSVRecord nextRecord() throws IOException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public FileRecord next() throws IOException {
        long startLine = lastLine + 1;
        CSVRecord record;
        try {
            record = nextRecord();
        } catch (CSVException e) {
            throw new MalformedFileException("broken CSV after line " + (startLine - 1) + ": " + e.getMessage()
                    + "; the rest of the file cannot be read", startLine, e);
        }
        if (record == null) {
            return null;
        }
        lastLine = parser.getCurrentLineNumber();
        number++;
        if (record.size() != fields) {
            return new FileRecord(number, startLine, null, record.size() + " fields where the header has " + fields,
                    text(record));
        }
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < fields; i++) {
            int t = target[i];
            String value = record.get(i);
            if (t < 0 || value == null) {
                continue;
            }
            try {
                row[t] = ValueText.parse(value, columns.field(t).type());
            } catch (IllegalArgumentException e) {
                return new FileRecord(number, startLine, null, e.getMessage() + " (column " + columns.field(t).name() + ")",
                        text(record));
            }
        }
        return new FileRecord(number, startLine, row, null, null);
    }

    private static String text(CSVRecord record) {
        List<String> values = new ArrayList<>();
        record.forEach(values::add);
        return String.join(",", values.stream().map(v -> v == null ? "NULL" : v).toList());
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}

package io.arus.connector.files;

import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;

/** CSV in UTF-8 (RFC 4180, Commons CSV): every value quoted, NULL as the marker unquoted ({@link CsvOptions}). */
final class CsvRowWriter implements RowFileWriter {
    private final CountingOutputStream counted;
    private final CSVPrinter printer;
    private final Object[] text;

    CsvRowWriter(Path file, Schema schema, CsvOptions options) throws IOException {
        counted = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        printer = new CSVPrinter(new OutputStreamWriter(counted, StandardCharsets.UTF_8), options.format());
        text = new Object[schema.size()];
        if (options.header()) {
            printer.printRecord(schema.names());
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            text[i] = v == null || v == RecordBatch.ABSENT ? null : ValueText.format(v);
        }
        printer.printRecord(text);
    }

    @Override
    public long bytes() {
        return counted.count();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}

package io.arus.connector.files;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Schema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One JSON object per line in UTF-8: numbers as numbers (decimals exactly), JSON columns as nested JSON,
 * everything else as text ({@link ValueText}); a NULL is a {@code null} member, an absent value is left out.
 */
final class JsonLinesRowWriter implements RowFileWriter {
    private final CountingOutputStream counted;
    private final JsonGenerator generator;
    private final Schema schema;

    JsonLinesRowWriter(Path file, Schema schema) throws IOException {
        this.schema = schema;
        counted = new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        generator = JsonValues.FACTORY.createGenerator(counted);
        generator.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    }

    @Override
    public void write(Object[] row) throws IOException {
        generator.writeStartObject();
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == RecordBatch.ABSENT) {
                continue;
            }
            generator.writeFieldName(schema.field(i).name());
            if (v instanceof String s && schema.field(i).type().kind() == io.arus.api.type.LogicalType.Kind.JSON) {
                generator.writeRawValue(s);
            } else {
                JsonValues.write(generator, v);
            }
        }
        generator.writeEndObject();
    }

    @Override
    public long bytes() {
        return counted.count();
    }

    @Override
    public void close() throws IOException {
        generator.writeRaw('\n');
        generator.close();
    }
}

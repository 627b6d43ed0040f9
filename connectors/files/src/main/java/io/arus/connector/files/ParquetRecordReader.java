package io.arus.connector.files;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Parquet through parquet-floor's row reader (parquet-java underneath, no Hadoop): flat columns to the stream's
 * columns by name, logical types to Arus values ({@link ParquetTypes}); a value of another type than the stream's
 * column (files written at different times) goes through its text. Nested columns are not read.
 */
final class ParquetRecordReader implements RecordFileReader {
    private final ParquetReader<Object[], Object[], Integer> reader;
    private final Schema columns;
    private final List<Type> fileTypes;
    private final int[] target;
    private long number;

    ParquetRecordReader(Path file, Schema columns) throws IOException {
        this.columns = columns;
        MessageType message = ParquetReader.readMetadata(file.toFile()).getFileMetaData().getSchema();
        this.fileTypes = message.getFields();
        this.target = new int[fileTypes.size()];
        for (int i = 0; i < target.length; i++) {
            target[i] = fileTypes.get(i).isPrimitive() ? columns.indexOf(fileTypes.get(i).getName()).orElse(-1) : -1;
        }
        int width = fileTypes.size();
        this.reader = ParquetReader.spliterator(file.toFile(), new Hydrator<Object[], Object[], Integer>() {
            @Override
            public Object[] start() {
                return new Object[width];
            }

            @Override
            public Object[] add(Object[] row, Integer column, Object value) {
                if (column != null && column >= 0) {
                    row[column] = value;
                }
                return row;
            }

            @Override
            public Object[] finish(Object[] row) {
                return row;
            }
        }, path -> message.containsField(path[0]) ? message.getFieldIndex(path[0]) : -1);
    }

    /** @return the Arus columns of a Parquet file, from its footer */
    static Schema schema(Path file) throws IOException {
        return ParquetTypes.schema(ParquetReader.readMetadata(file.toFile()).getFileMetaData().getSchema());
    }

    @Override
    public FileRecord next() throws IOException {
        Object[][] raw = new Object[1][];
        if (!reader.tryAdvance(r -> raw[0] = r)) {
            return null;
        }
        number++;
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < target.length; i++) {
            int t = target[i];
            if (t < 0 || raw[0][i] == null) {
                continue;
            }
            Type type = fileTypes.get(i);
            try {
                Object value = value(raw[0][i], type);
                LogicalType want = columns.field(t).type();
                row[t] = ParquetTypes.logical(type).equals(want) ? value : ValueText.parse(ValueText.format(value), want);
            } catch (RuntimeException e) {
                return new FileRecord(number, number, null, e.getMessage() + " (column " + type.getName() + ")",
                        String.valueOf(raw[0][i]));
            }
        }
        return new FileRecord(number, number, row, null, null);
    }

    /** What parquet-floor read (numbers as they are stored, binaries as their type's text) as an Arus value. */
    static Object value(Object raw, Type type) {
        if (type.asPrimitiveType().getPrimitiveTypeName() == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT96) {
            throw new IllegalArgumentException("INT96 timestamps (legacy Spark and Impala files) are not read");
        }
        LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return raw instanceof Number n ? BigDecimal.valueOf(n.longValue(), d.getScale()) : new BigDecimal(raw.toString());
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            Instant instant = Instant.EPOCH.plus(((Number) raw).longValue(), unit(ts.getUnit()));
            return ts.isAdjustedToUTC() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LocalDate.ofEpochDay(((Number) raw).longValue());
        }
        if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
            long v = ((Number) raw).longValue();
            return LocalTime.ofNanoOfDay(switch (t.getUnit()) {
                case MILLIS -> v * 1_000_000;
                case MICROS -> v * 1_000;
                case NANOS -> v;
            });
        }
        if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            return UUID.fromString(raw.toString());
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.getBitWidth() <= 16) {
            return ((Number) raw).shortValue();
        }
        if (raw instanceof String s && ParquetTypes.logical(type).kind() == LogicalType.Kind.BYTES) {
            return HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
        }
        return raw;
    }

    private static ChronoUnit unit(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> ChronoUnit.MILLIS;
            case MICROS -> ChronoUnit.MICROS;
            case NANOS -> ChronoUnit.NANOS;
        };
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

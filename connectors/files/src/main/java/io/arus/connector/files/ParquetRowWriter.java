package io.arus.connector.files;

import io.arus.api.record.RecordBatch;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet through parquet-java's own writer, with parquet-floor's Hadoop stubs standing in for the Hadoop classes
 * its builder mentions (STACK.md); rows go in through a {@link WriteSupport} of value arrays.
 */
final class ParquetRowWriter implements RowFileWriter {
    private final ParquetWriter<Object[]> writer;

    ParquetRowWriter(Path file, Schema schema, String compression) throws IOException {
        MessageType message = ParquetTypes.messageType(schema);
        writer = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema, message))
                .withCompressionCodec("zstd".equals(compression) ? CompressionCodecName.ZSTD : CompressionCodecName.SNAPPY)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    /**
     * Checks that a row can be written as the schema says, without writing it.
     *
     * @throws IllegalArgumentException naming the column when a value has another type or a decimal does not fit
     */
    static void check(Schema schema, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null || v == RecordBatch.ABSENT) {
                continue;
            }
            LogicalType type = schema.field(i).type();
            boolean fits = switch (type.kind()) {
                case BOOLEAN -> v instanceof Boolean;
                case INT16, INT32, INT64, FLOAT32, FLOAT64 -> v instanceof Number;
                case DECIMAL -> v instanceof BigDecimal d && decimalFits(type, d);
                case STRING, JSON, ARRAY, STRUCT -> true;
                case BYTES -> v instanceof byte[];
                case DATE -> v instanceof LocalDate;
                case TIME -> v instanceof LocalTime;
                case TIMESTAMP -> v instanceof LocalDateTime;
                case TIMESTAMPTZ -> v instanceof Instant;
                case UUID -> v instanceof UUID;
            };
            if (!fits) {
                throw new IllegalArgumentException(schema.field(i).name() + ": " + ValueText.abbreviate(String.valueOf(v))
                        + " does not fit " + type);
            }
        }
    }

    private static boolean decimalFits(LogicalType type, BigDecimal v) {
        if (type.precision() == 0 || type.precision() > ParquetTypes.MAX_DECIMAL) {
            return true;
        }
        try {
            return v.setScale(type.scale(), RoundingMode.UNNECESSARY).precision() <= type.precision();
        } catch (ArithmeticException e) {
            return false;
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        writer.write(row);
    }

    @Override
    public long bytes() {
        return writer.getDataSize();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }
    }

    /** One row at a time into the record consumer; a null or absent value is simply a missing field. */
    static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final Schema schema;
        private final MessageType message;
        private RecordConsumer consumer;

        RowWriteSupport(Schema schema, MessageType message) {
            this.schema = schema;
            this.message = message;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(message, Map.of("arus.schema", schema.toString()));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null || v == RecordBatch.ABSENT) {
                    continue;
                }
                String name = schema.field(i).name();
                consumer.startField(name, i);
                add(schema.field(i).type(), v, name);
                consumer.endField(name, i);
            }
            consumer.endMessage();
        }

        private void add(LogicalType type, Object v, String name) {
            switch (type.kind()) {
                case BOOLEAN -> consumer.addBoolean((Boolean) v);
                case INT16, INT32 -> consumer.addInteger(((Number) v).intValue());
                case INT64 -> consumer.addLong(((Number) v).longValue());
                case FLOAT32 -> consumer.addFloat(((Number) v).floatValue());
                case FLOAT64 -> consumer.addDouble(((Number) v).doubleValue());
                case DECIMAL -> decimal(type, (BigDecimal) v, name);
                case STRING, JSON, ARRAY, STRUCT -> consumer.addBinary(Binary.fromString(ValueText.format(v)));
                case BYTES -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) v));
                case DATE -> consumer.addInteger((int) ((LocalDate) v).toEpochDay());
                case TIME -> consumer.addLong(((LocalTime) v).toNanoOfDay() / 1000);
                case TIMESTAMP -> consumer.addLong(micros(((LocalDateTime) v).toInstant(ZoneOffset.UTC)));
                case TIMESTAMPTZ -> consumer.addLong(micros((Instant) v));
                case UUID -> {
                    UUID u = (UUID) v;
                    consumer.addBinary(Binary.fromConstantByteArray(ByteBuffer.allocate(16)
                            .putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array()));
                }
            }
        }

        private void decimal(LogicalType type, BigDecimal v, String name) {
            if (type.precision() == 0 || type.precision() > ParquetTypes.MAX_DECIMAL) {
                consumer.addBinary(Binary.fromString(v.toPlainString()));
                return;
            }
            BigDecimal scaled;
            try {
                scaled = v.setScale(type.scale(), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(name + ": " + v + " has more than " + type.scale() + " decimals");
            }
            if (scaled.precision() > type.precision()) {
                throw new IllegalArgumentException(name + ": " + v + " does not fit " + type);
            }
            if (type.precision() <= 18) {
                consumer.addLong(scaled.unscaledValue().longValueExact());
            } else {
                consumer.addBinary(Binary.fromConstantByteArray(scaled.unscaledValue().toByteArray()));
            }
        }

        private static long micros(Instant i) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, i);
        }
    }
}

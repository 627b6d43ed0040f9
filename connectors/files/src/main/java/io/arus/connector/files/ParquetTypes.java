package io.arus.connector.files;

import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The type mapping, one line per logical type: Arus types to Parquet physical types with their logical
 * annotations, and back. Times and timestamps are microseconds; a decimal of up to 18 digits is an INT64, up to 38
 * a BINARY, a wider or unbounded one a string (Parquet decimals need a fixed scale); arrays and structs are JSON text.
 */
final class ParquetTypes {
    /** The widest decimal kept as a Parquet DECIMAL. */
    static final int MAX_DECIMAL = 38;

    private ParquetTypes() {
    }

    static MessageType messageType(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Field f : schema.fields()) {
            fields.add(type(f));
        }
        return new MessageType("arus", fields);
    }

    private static Type type(Field f) {
        LogicalType t = f.type();
        var optional = Types.optional(PrimitiveTypeName.BINARY);
        return switch (t.kind()) {
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(f.name());
            case INT16 -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(f.name());
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).named(f.name());
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(f.name());
            case FLOAT32 -> Types.optional(PrimitiveTypeName.FLOAT).named(f.name());
            case FLOAT64 -> Types.optional(PrimitiveTypeName.DOUBLE).named(f.name());
            case DECIMAL -> decimal(f.name(), t);
            case STRING, JSON, ARRAY, STRUCT -> optional.as(LogicalTypeAnnotation.stringType()).named(f.name());
            case BYTES -> optional.named(f.name());
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(f.name());
            case TIME -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(f.name());
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(f.name());
            case TIMESTAMPTZ -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(f.name());
            case UUID -> Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16)
                    .as(LogicalTypeAnnotation.uuidType()).named(f.name());
        };
    }

    private static Type decimal(String name, LogicalType t) {
        if (t.precision() == 0 || t.precision() > MAX_DECIMAL) {
            return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
        }
        PrimitiveTypeName physical = t.precision() <= 18 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.BINARY;
        return Types.optional(physical).as(LogicalTypeAnnotation.decimalType(t.scale(), t.precision())).named(name);
    }

    /**
     * @param message a file's Parquet schema (flat)
     * @return the Arus columns it holds
     */
    static Schema schema(MessageType message) {
        List<Field> fields = new ArrayList<>();
        for (Type type : message.getFields()) {
            fields.add(Field.of(type.getName(), logical(type), !type.isRepetition(Type.Repetition.REQUIRED)));
        }
        return Schema.of(fields);
    }

    static LogicalType logical(Type type) {
        if (!type.isPrimitive()) {
            return LogicalType.JSON;
        }
        LogicalTypeAnnotation a = type.getLogicalTypeAnnotation();
        PrimitiveTypeName p = type.asPrimitiveType().getPrimitiveTypeName();
        if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            return LogicalType.decimal(d.getPrecision(), d.getScale());
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            return ts.isAdjustedToUTC() ? LogicalType.TIMESTAMPTZ : LogicalType.TIMESTAMP;
        }
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LogicalType.DATE;
        }
        if (a instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation) {
            return LogicalType.TIME;
        }
        if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
            return LogicalType.UUID;
        }
        if (a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
            return LogicalType.JSON;
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i) {
            return i.getBitWidth() <= 16 ? LogicalType.INT16 : i.getBitWidth() <= 32 ? LogicalType.INT32 : LogicalType.INT64;
        }
        return switch (p) {
            case BOOLEAN -> LogicalType.BOOLEAN;
            case INT32 -> LogicalType.INT32;
            case INT64 -> LogicalType.INT64;
            case FLOAT -> LogicalType.FLOAT32;
            case DOUBLE -> LogicalType.FLOAT64;
            case INT96 -> LogicalType.TIMESTAMP;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation ? LogicalType.STRING : LogicalType.BYTES;
        };
    }
}

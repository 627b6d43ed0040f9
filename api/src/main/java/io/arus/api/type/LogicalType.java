package io.arus.api.type;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A database-neutral column type. Every connector maps its native types to and from these in one place.
 * <p>
 * The Java class a value of each kind has in a {@link io.arus.api.record.RecordBatch} row:
 * <table>
 * <caption>Kinds and their Java values</caption>
 * <tr><th>kind</th><th>Java value</th></tr>
 * <tr><td>BOOLEAN</td><td>{@link Boolean}</td></tr>
 * <tr><td>INT16, INT32, INT64</td><td>{@link Short}, {@link Integer}, {@link Long}</td></tr>
 * <tr><td>FLOAT32, FLOAT64</td><td>{@link Float}, {@link Double}</td></tr>
 * <tr><td>DECIMAL</td><td>{@link java.math.BigDecimal} (precision and scale on the type; precision 0 = unbounded)</td></tr>
 * <tr><td>STRING</td><td>{@link String}</td></tr>
 * <tr><td>BYTES</td><td>{@code byte[]}</td></tr>
 * <tr><td>DATE</td><td>{@link java.time.LocalDate}</td></tr>
 * <tr><td>TIME</td><td>{@link java.time.LocalTime}</td></tr>
 * <tr><td>TIMESTAMP</td><td>{@link java.time.LocalDateTime} (no zone: a wall-clock reading)</td></tr>
 * <tr><td>TIMESTAMPTZ</td><td>{@link java.time.Instant} (a point in time)</td></tr>
 * <tr><td>UUID</td><td>{@link java.util.UUID}</td></tr>
 * <tr><td>JSON</td><td>{@link String} holding a JSON text</td></tr>
 * <tr><td>ARRAY</td><td>{@link java.util.List} of values of the element type</td></tr>
 * <tr><td>STRUCT</td><td>{@link java.util.Map} from field name to value, in field order</td></tr>
 * </table>
 */
public final class LogicalType {
    /** The kinds of logical type. */
    public enum Kind {
        /** true/false. */ BOOLEAN,
        /** 16-bit signed integer. */ INT16,
        /** 32-bit signed integer. */ INT32,
        /** 64-bit signed integer. */ INT64,
        /** single-precision float. */ FLOAT32,
        /** double-precision float. */ FLOAT64,
        /** exact decimal with precision and scale. */ DECIMAL,
        /** Unicode text. */ STRING,
        /** raw bytes. */ BYTES,
        /** calendar date. */ DATE,
        /** time of day. */ TIME,
        /** date and time without zone. */ TIMESTAMP,
        /** point in time. */ TIMESTAMPTZ,
        /** UUID. */ UUID,
        /** JSON document. */ JSON,
        /** ordered list of one element type. */ ARRAY,
        /** named fields. */ STRUCT;

        /** @return the lower-case name used in JSON, e.g. {@code "timestamptz"} */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Boolean. */ public static final LogicalType BOOLEAN = new LogicalType(Kind.BOOLEAN);
    /** 16-bit integer. */ public static final LogicalType INT16 = new LogicalType(Kind.INT16);
    /** 32-bit integer. */ public static final LogicalType INT32 = new LogicalType(Kind.INT32);
    /** 64-bit integer. */ public static final LogicalType INT64 = new LogicalType(Kind.INT64);
    /** 32-bit float. */ public static final LogicalType FLOAT32 = new LogicalType(Kind.FLOAT32);
    /** 64-bit float. */ public static final LogicalType FLOAT64 = new LogicalType(Kind.FLOAT64);
    /** Text. */ public static final LogicalType STRING = new LogicalType(Kind.STRING);
    /** Bytes. */ public static final LogicalType BYTES = new LogicalType(Kind.BYTES);
    /** Date. */ public static final LogicalType DATE = new LogicalType(Kind.DATE);
    /** Time of day. */ public static final LogicalType TIME = new LogicalType(Kind.TIME);
    /** Timestamp without zone. */ public static final LogicalType TIMESTAMP = new LogicalType(Kind.TIMESTAMP);
    /** Timestamp with zone. */ public static final LogicalType TIMESTAMPTZ = new LogicalType(Kind.TIMESTAMPTZ);
    /** UUID. */ public static final LogicalType UUID = new LogicalType(Kind.UUID);
    /** JSON. */ public static final LogicalType JSON = new LogicalType(Kind.JSON);

    private final Kind kind;
    private final int precision;
    private final int scale;
    private final LogicalType element;
    private final List<Field> fields;

    private LogicalType(Kind kind) {
        this(kind, 0, 0, null, List.of());
    }

    private LogicalType(Kind kind, int precision, int scale, LogicalType element, List<Field> fields) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
        this.element = element;
        this.fields = fields;
    }

    /**
     * @param precision total digits, 1 to 1000, or 0 for unbounded (PostgreSQL {@code numeric} without modifier)
     * @param scale     digits after the point, 0 to precision
     * @return a DECIMAL type
     */
    public static LogicalType decimal(int precision, int scale) {
        if (precision < 0 || precision > 1000 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("invalid decimal(" + precision + "," + scale + ")");
        }
        return new LogicalType(Kind.DECIMAL, precision, scale, null, List.of());
    }

    /**
     * @param element the type of the elements
     * @return an ARRAY type
     */
    public static LogicalType array(LogicalType element) {
        return new LogicalType(Kind.ARRAY, 0, 0, Objects.requireNonNull(element, "element"), List.of());
    }

    /**
     * @param fields the named fields, in order
     * @return a STRUCT type
     */
    public static LogicalType struct(List<Field> fields) {
        return new LogicalType(Kind.STRUCT, 0, 0, null, List.copyOf(fields));
    }

    /**
     * @param kind a kind without parameters (not DECIMAL, ARRAY or STRUCT)
     * @return the type of that kind
     */
    public static LogicalType of(Kind kind) {
        return switch (kind) {
            case BOOLEAN -> BOOLEAN;
            case INT16 -> INT16;
            case INT32 -> INT32;
            case INT64 -> INT64;
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case STRING -> STRING;
            case BYTES -> BYTES;
            case DATE -> DATE;
            case TIME -> TIME;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMPTZ -> TIMESTAMPTZ;
            case UUID -> UUID;
            case JSON -> JSON;
            case DECIMAL, ARRAY, STRUCT -> throw new IllegalArgumentException(kind + " needs parameters");
        };
    }

    /**
     * Reads a type as users write it (and as {@link #toString()} shows it): {@code int64}, {@code decimal(12,2)},
     * {@code decimal} (unbounded), {@code array<string>}; kind names are case-insensitive. Structs are not read.
     *
     * @param text the type
     * @return the type
     * @throws IllegalArgumentException naming what is not a type, with the known kinds
     */
    public static LogicalType parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a type is required, one of " + KNOWN);
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("array<") && t.endsWith(">")) {
            return array(parse(t.substring(6, t.length() - 1)));
        }
        java.util.regex.Matcher decimal = java.util.regex.Pattern.compile("decimal\\s*\\(\\s*(\\d{1,4})\\s*(?:,\\s*(\\d{1,4})\\s*)?\\)")
                .matcher(t);
        if (decimal.matches()) {
            int precision = Integer.parseInt(decimal.group(1));
            int scale = decimal.group(2) == null ? 0 : Integer.parseInt(decimal.group(2));
            return decimal(precision, scale);
        }
        if (t.equals("decimal")) {
            return decimal(0, 0);
        }
        for (Kind kind : Kind.values()) {
            if (kind.id().equals(t) && kind != Kind.ARRAY && kind != Kind.STRUCT) {
                return of(kind);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a type; use one of " + KNOWN);
    }

    private static final String KNOWN = "boolean, int16, int32, int64, float32, float64, decimal(p,s), string, bytes, "
            + "date, time, timestamp, timestamptz, uuid, json, array<type>";

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the precision of a DECIMAL (0 = unbounded), 0 otherwise */
    public int precision() {
        return precision;
    }

    /** @return the scale of a DECIMAL, 0 otherwise */
    public int scale() {
        return scale;
    }

    /** @return the element type of an ARRAY, {@code null} otherwise */
    public LogicalType element() {
        return element;
    }

    /** @return the fields of a STRUCT, empty otherwise */
    public List<Field> fields() {
        return fields;
    }

    /**
     * Whether every value of {@code other} fits this type without loss, the test schema drift uses to widen a
     * destination column instead of stopping. Integers widen to larger integers and to decimals wide enough,
     * FLOAT32 to FLOAT64, DECIMAL to a DECIMAL with no fewer integer and fraction digits, anything to STRING.
     *
     * @param other the type values come in as
     * @return true when this type can hold them
     */
    public boolean accepts(LogicalType other) {
        if (equals(other) || kind == Kind.STRING) {
            return true;
        }
        int otherRank = integerRank(other.kind);
        if (otherRank > 0) {
            int rank = integerRank(kind);
            if (rank > 0) {
                return rank >= otherRank;
            }
            if (kind == Kind.DECIMAL) {
                return precision == 0 || precision - scale >= integerDigits(other.kind);
            }
            return kind == Kind.FLOAT64 && otherRank <= 2;
        }
        if (kind == Kind.FLOAT64 && other.kind == Kind.FLOAT32) {
            return true;
        }
        if (kind == Kind.DECIMAL && other.kind == Kind.DECIMAL) {
            return precision == 0 || (precision - scale >= other.precision - other.scale && scale >= other.scale
                    && other.precision != 0);
        }
        if (kind == Kind.TIMESTAMPTZ && other.kind == Kind.TIMESTAMP) {
            return false;
        }
        if (kind == Kind.JSON) {
            return other.kind == Kind.ARRAY || other.kind == Kind.STRUCT;
        }
        if (kind == Kind.ARRAY && other.kind == Kind.ARRAY) {
            return element.accepts(other.element);
        }
        return false;
    }

    private static int integerRank(Kind kind) {
        return switch (kind) {
            case INT16 -> 1;
            case INT32 -> 2;
            case INT64 -> 3;
            default -> 0;
        };
    }

    private static int integerDigits(Kind kind) {
        return switch (kind) {
            case INT16 -> 5;
            case INT32 -> 10;
            default -> 19;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogicalType t && kind == t.kind && precision == t.precision && scale == t.scale
                && Objects.equals(element, t.element) && fields.equals(t.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, precision, scale, element, fields);
    }

    /** @return the type as users read it: {@code decimal(12,2)}, {@code array<string>}, {@code struct<a:int32>} */
    @Override
    public String toString() {
        return switch (kind) {
            case DECIMAL -> precision == 0 ? "decimal" : "decimal(" + precision + "," + scale + ")";
            case ARRAY -> "array<" + element + ">";
            case STRUCT -> {
                StringBuilder text = new StringBuilder("struct<");
                for (int i = 0; i < fields.size(); i++) {
                    text.append(i == 0 ? "" : ",").append(fields.get(i).name()).append(':').append(fields.get(i).type());
                }
                yield text.append('>').toString();
            }
            default -> kind.id();
        };
    }
}

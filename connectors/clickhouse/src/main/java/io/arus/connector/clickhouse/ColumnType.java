package io.arus.connector.clickhouse;

import io.arus.api.type.LogicalType;
import java.util.ArrayList;
import java.util.List;

/**
 * A ClickHouse column type as {@code system.columns} spells it, parsed: {@code Nullable(Decimal(12, 2))} is the name
 * {@code Nullable} with the argument {@code Decimal(12, 2)}. Two spellings of one type ({@code Decimal(12,2)} and
 * {@code Decimal(12, 2)}) parse to equal values.
 *
 * @param name the type name, e.g. {@code DateTime64}
 * @param args the arguments as written, trimmed: nested types, numbers or quoted strings
 */
record ColumnType(String name, List<String> args) {
    /** Copies the arguments. */
    ColumnType {
        args = List.copyOf(args);
    }

    /**
     * @param text a type, e.g. {@code Array(Nullable(String))}
     * @return the parsed type
     */
    static ColumnType parse(String text) {
        String type = text.trim();
        int open = type.indexOf('(');
        if (open < 0) {
            return new ColumnType(type, List.of());
        }
        if (!type.endsWith(")")) {
            throw new IllegalArgumentException("unbalanced type: " + text);
        }
        return new ColumnType(type.substring(0, open).trim(), splitArguments(type.substring(open + 1, type.length() - 1)));
    }

    /** Splits on the commas that are neither inside parentheses nor inside a quoted string. */
    private static List<String> splitArguments(String inner) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(inner.substring(start, i).trim());
                start = i + 1;
            }
        }
        String last = inner.substring(start).trim();
        if (!last.isEmpty() || !args.isEmpty()) {
            args.add(last);
        }
        return args;
    }

    /** @return whether the column accepts NULL */
    boolean isNullable() {
        return name.equals("Nullable");
    }

    /** @return the type inside Nullable and LowCardinality wrappers, which RowBinary encodes like the inner type */
    ColumnType base() {
        ColumnType type = this;
        while (type.name.equals("Nullable") || type.name.equals("LowCardinality")) {
            type = type.argType(0);
        }
        return type;
    }

    /** @return the argument at {@code index} parsed as a type */
    ColumnType argType(int index) {
        return parse(args.get(index));
    }

    /** @return the argument at {@code index} as an integer, or {@code fallback} when there is none */
    int intArg(int index, int fallback) {
        return index < args.size() ? Integer.parseInt(args.get(index)) : fallback;
    }

    /**
     * The logical type whose values this column keeps without loss, used to decide whether a schema change fits
     * or widens. Timestamps of either kind fit a DateTime column; anything fits a String column.
     *
     * @param type the type values come in as
     * @return whether this column holds them
     */
    boolean holds(LogicalType type) {
        ColumnType base = base();
        switch (base.name) {
            case "String":
                return true;
            case "DateTime", "DateTime64":
                return type.kind() == LogicalType.Kind.TIMESTAMP || type.kind() == LogicalType.Kind.TIMESTAMPTZ;
            case "Array":
                return type.kind() == LogicalType.Kind.ARRAY && base.argType(0).holds(type.element());
            default:
                LogicalType logical = base.logicalType();
                return logical != null && logical.accepts(type);
        }
    }

    /** @return the logical type of this column's values, or {@code null} for a type Arus does not write */
    LogicalType logicalType() {
        ColumnType base = base();
        return switch (base.name) {
            case "UInt8", "Bool" -> LogicalType.BOOLEAN;
            case "Int8", "Int16" -> LogicalType.INT16;
            case "UInt16", "Int32" -> LogicalType.INT32;
            case "UInt32", "Int64" -> LogicalType.INT64;
            case "Float32" -> LogicalType.FLOAT32;
            case "Float64" -> LogicalType.FLOAT64;
            case "Decimal" -> LogicalType.decimal(base.intArg(0, 10), base.intArg(1, 0));
            case "Decimal32" -> LogicalType.decimal(9, base.intArg(0, 0));
            case "Decimal64" -> LogicalType.decimal(18, base.intArg(0, 0));
            case "Decimal128" -> LogicalType.decimal(38, base.intArg(0, 0));
            case "Decimal256" -> LogicalType.decimal(76, base.intArg(0, 0));
            case "String" -> LogicalType.STRING;
            case "Date", "Date32" -> LogicalType.DATE;
            case "DateTime", "DateTime64" -> LogicalType.TIMESTAMPTZ;
            case "UUID" -> LogicalType.UUID;
            case "Array" -> {
                LogicalType element = base.argType(0).logicalType();
                yield element == null ? null : LogicalType.array(element);
            }
            default -> null;
        };
    }

    /** @return the type as ClickHouse writes it, e.g. {@code Nullable(Decimal(12, 2))} */
    @Override
    public String toString() {
        return args.isEmpty() ? name : name + "(" + String.join(", ", args) + ")";
    }
}

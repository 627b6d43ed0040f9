package io.arus.connector.postgresql;

import io.arus.api.type.LogicalType;

/** The type OIDs binary arrays name their element type by; fixed in every PostgreSQL release. */
final class PgOids {
    private PgOids() {
    }

    static int of(LogicalType element) {
        return switch (element.kind()) {
            case BOOLEAN -> 16;
            case BYTES -> 17;
            case INT64 -> 20;
            case INT16 -> 21;
            case INT32 -> 23;
            case STRING -> 25;
            case FLOAT32 -> 700;
            case FLOAT64 -> 701;
            case DATE -> 1082;
            case TIME -> 1083;
            case TIMESTAMP -> 1114;
            case TIMESTAMPTZ -> 1184;
            case DECIMAL -> 1700;
            case UUID -> 2950;
            case JSON, STRUCT, ARRAY -> 3802; // jsonb; arrays of these are written as jsonb documents instead
        };
    }
}

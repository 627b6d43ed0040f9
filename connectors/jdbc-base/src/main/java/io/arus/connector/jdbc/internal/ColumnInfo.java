package io.arus.connector.jdbc.internal;

import io.arus.api.type.Field;
import io.arus.connector.jdbc.ColumnMapping;
import io.arus.connector.jdbc.NativeType;

/**
 * One column as the catalog describes it, with the dialect's read mapping.
 *
 * @param name     the column name
 * @param type     the parsed native type
 * @param nullable whether it accepts NULL
 * @param mapping  how it is read
 */
record ColumnInfo(String name, NativeType type, boolean nullable, ColumnMapping mapping) {
    Field field() {
        return new Field(name, mapping.type(), nullable, type.text());
    }
}

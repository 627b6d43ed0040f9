package io.arus.connector.jdbc;

/**
 * One bound value of a query.
 *
 * @param value  the value in the Java class of its logical type
 * @param binder binds it as a statement parameter
 * @param type   the native type of the column it is compared with
 */
public record QueryParameter(Object value, ValueBinder binder, NativeType type) {
}

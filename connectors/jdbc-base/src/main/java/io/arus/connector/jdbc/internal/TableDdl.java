package io.arus.connector.jdbc.internal;

import io.arus.api.type.Field;
import io.arus.api.type.Schema;
import io.arus.connector.jdbc.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The DDL the writer issues, spelled through the dialect. */
final class TableDdl {
    static final String STAGING_SUFFIX = "__arus_staging";

    private final Dialect dialect;

    TableDdl(Dialect dialect) {
        this.dialect = dialect;
    }

    String create(String namespace, String table, Schema schema, List<String> primaryKey) {
        return create(namespace, table, schema, primaryKey, true);
    }

    /**
     * @param constrained whether the key is a constraint now; without, its columns are only NOT NULL and
     *                    {@link #addPrimaryKey} makes it one later
     */
    String create(String namespace, String table, Schema schema, List<String> primaryKey, boolean constrained) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.qualify(namespace, table)).append(" (");
        for (int i = 0; i < schema.size(); i++) {
            Field field = schema.field(i);
            boolean key = primaryKey.contains(field.name());
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(field.name())).append(' ')
                    .append(dialect.writeType(field, key)).append(key || !field.nullable() ? " NOT NULL" : " NULL");
        }
        if (!primaryKey.isEmpty() && constrained) {
            sql.append(", ").append(keyConstraint(table, primaryKey));
        }
        return sql.append(')').append(dialect.tableOptions()).toString();
    }

    /** @return the statement that makes {@code primaryKey} the table's primary key, named as {@link #create} does */
    String addPrimaryKey(String namespace, String table, List<String> primaryKey) {
        return "ALTER TABLE " + dialect.qualify(namespace, table) + " ADD " + keyConstraint(table, primaryKey);
    }

    private String keyConstraint(String table, List<String> primaryKey) {
        StringBuilder sql = new StringBuilder("CONSTRAINT ").append(dialect.quote(dialect.primaryKeyName(table)))
                .append(" PRIMARY KEY (");
        for (int i = 0; i < primaryKey.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(primaryKey.get(i)));
        }
        return sql.append(')').toString();
    }

    String addColumn(String namespace, String table, Field field) {
        // added columns accept NULL: the rows already there have no value for them
        return "ALTER TABLE " + dialect.qualify(namespace, table) + " ADD COLUMN " + dialect.quote(field.name()) + " "
                + dialect.writeType(field, false) + " NULL";
    }

    String dropIfExists(String namespace, String table) {
        return "DROP TABLE IF EXISTS " + dialect.qualify(namespace, table);
    }

    /**
     * @return {@code <table>__arus_staging}, shortened with a hash of the table name when that would exceed the
     *         database's identifier length (a silently truncated name could collide with another table's)
     */
    String stagingName(String table) {
        String name = table + STAGING_SUFFIX;
        if (name.length() <= dialect.maxIdentifierLength()) {
            return name;
        }
        String hash = sha256(table).substring(0, 8);
        int keep = dialect.maxIdentifierLength() - STAGING_SUFFIX.length() - hash.length() - 1;
        return table.substring(0, Math.max(1, keep)) + "_" + hash + STAGING_SUFFIX;
    }

    static boolean sameType(String catalogType, String writeType) {
        return normalize(catalogType).equals(normalize(writeType));
    }

    private static String normalize(String type) {
        return type.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace(", ", ",").trim();
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

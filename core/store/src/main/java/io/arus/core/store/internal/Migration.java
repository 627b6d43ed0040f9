package io.arus.core.store.internal;

/**
 * One versioned schema change: the script {@code db/migration/<dialect>/V<version>__<description>.sql}.
 *
 * @param version     its place in the order, from 1 without gaps
 * @param description the script name's tail, also kept in the version table
 */
record Migration(int version, String description) {
    /** @return the class-loader resource path of this migration's script for a dialect */
    String scriptPath(Dialect dialect) {
        return "db/migration/" + dialect.id() + "/V" + version + "__" + description + ".sql";
    }
}

package io.arus.connector.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse server version and the features Arus chooses by it. The thresholds are the releases that made a
 * feature generally available (not the ones that hid it behind an experimental setting).
 *
 * @param major the year-based major version, e.g. 24 (or 18 for 18.16)
 * @param minor the minor version
 * @param text  the version as the server reports it
 */
record ServerVersion(int major, int minor, String text) {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+).*");

    /**
     * @param text what {@code SELECT version()} answered, e.g. {@code 18.16.1} or {@code 24.8.4.13}
     * @return the version
     */
    static ServerVersion parse(String text) {
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a ClickHouse version: " + text);
        }
        return new ServerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text.trim());
    }

    /** @return whether this version is {@code major.minor} or newer */
    boolean atLeast(int major, int minor) {
        return this.major > major || this.major == major && this.minor >= minor;
    }

    /** @return whether DateTime64 (sub-second timestamps) exists: 20.1 */
    boolean hasDateTime64() {
        return atLeast(20, 1);
    }

    /** @return whether Date32 (dates from 1900) exists: 21.9 */
    boolean hasDate32() {
        return atLeast(21, 9);
    }

    /** @return whether Decimal up to 76 digits exists without an experimental setting: 22.1 (conservative) */
    boolean hasWideDecimal() {
        return atLeast(22, 1);
    }

    /** @return whether table TTL exists: 19.6; older servers get daily partitions that the writer drops */
    boolean hasTableTtl() {
        return atLeast(19, 6);
    }

    @Override
    public String toString() {
        return text;
    }
}

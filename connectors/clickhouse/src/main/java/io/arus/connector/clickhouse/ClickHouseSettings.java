package io.arus.connector.clickhouse;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import java.util.Objects;

/**
 * Where and how to reach one ClickHouse server, read from a validated {@link Config}.
 *
 * @param host       the server's host name or address
 * @param port       the HTTP interface port actually used (a native-protocol port given by the user is replaced)
 * @param tls        whether to speak HTTPS
 * @param database   the database tables land in when the target names none
 * @param username   the user
 * @param password   the password in clear text, or empty; never logged ({@link #toString()} masks it)
 * @param rawTtlDays how many days raw-zone rows are kept
 * @param hardDelete whether deletes also remove rows with a mutation, not only with tombstones
 * @param portNote   why the port differs from the one configured, or empty
 */
record ClickHouseSettings(String host, int port, boolean tls, String database, String username, String password,
                          int rawTtlDays, boolean hardDelete, String portNote) {
    static final int HTTP_PORT = 8123;
    static final int HTTPS_PORT = 8443;
    static final int NATIVE_PORT = 9000;
    static final int NATIVE_TLS_PORT = 9440;

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("host", FieldType.HOST).label("Host").required()
                    .help("Host name or IP address of the ClickHouse server.").build(),
            ConfigField.builder("port", FieldType.PORT).label("HTTP port").defaultValue(HTTP_PORT)
                    .help("The HTTP interface: 8123, or 8443 with TLS. Arus speaks HTTP; the native-protocol ports "
                            + "9000 and 9440 are replaced by 8123 and 8443.").build(),
            ConfigField.builder("tls", FieldType.BOOLEAN).label("TLS (HTTPS)").defaultValue(false).bindsSecrets()
                    .build(),
            ConfigField.builder("database", FieldType.STRING).label("Database").defaultValue("default")
                    .help("Where tables land when a pipeline names no target namespace; created when missing.").build(),
            ConfigField.builder("username", FieldType.STRING).label("User").defaultValue("default").build(),
            ConfigField.builder("password", FieldType.SECRET).label("Password").build(),
            ConfigField.builder("raw_ttl_days", FieldType.INT).label("Raw zone retention (days)").defaultValue(7)
                    .range(1, 36_500).help("Raw-zone rows older than this are removed by ClickHouse (TTL).").build(),
            ConfigField.builder("hard_delete", FieldType.BOOLEAN).label("Hard deletes").defaultValue(false)
                    .help("Deleted rows are always hidden by tombstones (read with FINAL). With this on, they are "
                            + "also removed from disk by an ALTER TABLE ... DELETE mutation, which is expensive.").build());

    /** Checks the required parts are present. */
    ClickHouseSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
        portNote = portNote == null ? "" : portNote;
    }

    /**
     * @param config a configuration validated against {@link #SPEC}
     * @return the settings, with a native-protocol port replaced by its HTTP counterpart
     */
    static ClickHouseSettings from(Config config) {
        int port = config.integer("port", HTTP_PORT);
        boolean tls = config.bool("tls", false);
        String note = "";
        if (port == NATIVE_PORT) {
            note = "port 9000 is ClickHouse's native protocol; Arus speaks HTTP, using 8123";
            port = HTTP_PORT;
        } else if (port == NATIVE_TLS_PORT) {
            note = "port 9440 is ClickHouse's native protocol over TLS; Arus speaks HTTPS, using 8443";
            port = HTTPS_PORT;
            tls = true;
        }
        return new ClickHouseSettings(config.string("host"), port, tls, config.string("database", "default"),
                config.string("username", "default"), config.string("password", ""),
                config.integer("raw_ttl_days", 7), config.bool("hard_delete", false), note);
    }

    /** @return {@code host:port}, for messages */
    String address() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return the settings with the password masked */
    @Override
    public String toString() {
        return "ClickHouseSettings[" + username + "@" + address() + "/" + database + ", tls=" + tls + ", password="
                + (password.isEmpty() ? "" : Config.MASK) + "]";
    }
}

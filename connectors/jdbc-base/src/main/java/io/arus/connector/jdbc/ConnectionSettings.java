package io.arus.connector.jdbc;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import java.util.Objects;

/**
 * The connection fields every SQL connector shares, read from a validated {@link Config}.
 *
 * @param host     the server's host name or address
 * @param port     its TCP port
 * @param database the database to connect to
 * @param username the user
 * @param password the password in clear text, or empty; never logged ({@link #toString()} masks it)
 * @param sslMode  the TLS mode, one of the connector's {@code ssl_mode} options
 */
public record ConnectionSettings(String host, int port, String database, String username, String password,
                                 String sslMode) {
    /** Field names of the shared configuration. */
    public static final String HOST = "host";
    /** The port field. */
    public static final String PORT = "port";
    /** The database field. */
    public static final String DATABASE = "database";
    /** The user field. */
    public static final String USERNAME = "username";
    /** The password field (a secret). */
    public static final String PASSWORD = "password";
    /** The TLS mode field. */
    public static final String SSL_MODE = "ssl_mode";

    /** Checks the required parts are present. */
    public ConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
    }

    /**
     * @param config      a configuration validated against {@link #spec}
     * @param defaultPort the port when none is given
     * @return the settings
     */
    public static ConnectionSettings from(Config config, int defaultPort) {
        return new ConnectionSettings(config.string(HOST), config.integer(PORT, defaultPort), config.string(DATABASE),
                config.string(USERNAME), config.string(PASSWORD, ""), config.string(SSL_MODE));
    }

    /**
     * @param defaultPort the database's usual port
     * @param sslModes    the TLS modes the driver supports, as users read them
     * @param sslDefault  the default TLS mode
     * @param sslHelp     what the modes mean for this driver
     * @return the fields host, port, database, username, password, ssl_mode
     */
    public static ConfigSpec spec(int defaultPort, String[] sslModes, String sslDefault, String sslHelp) {
        return ConfigSpec.of(
                ConfigField.builder(HOST, FieldType.HOST).label("Host").required()
                        .help("Host name or IP address of the database server.").build(),
                ConfigField.builder(PORT, FieldType.PORT).label("Port").defaultValue(defaultPort).build(),
                ConfigField.builder(DATABASE, FieldType.STRING).label("Database").required().build(),
                ConfigField.builder(USERNAME, FieldType.STRING).label("User").required().build(),
                ConfigField.builder(PASSWORD, FieldType.SECRET).label("Password").build(),
                ConfigField.builder(SSL_MODE, FieldType.ENUM).label("TLS").options(sslModes).defaultValue(sslDefault)
                        .bindsSecrets().help(sslHelp).build());
    }

    /** @return {@code host:port}, for messages */
    public String address() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** @return the settings with the password masked */
    @Override
    public String toString() {
        return "ConnectionSettings[" + username + "@" + address() + "/" + database + ", ssl=" + sslMode
                + ", password=" + (password.isEmpty() ? "" : Config.MASK) + "]";
    }
}

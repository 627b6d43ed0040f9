package io.arus.core.store.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where the metadata database is and how to log in.
 *
 * @param dialect  the SQL dialect
 * @param url      the JDBC URL, possibly with credentials in it
 * @param user     the user, or null to use the URL's
 * @param password the password, or null to use the URL's
 */
public record DatabaseLocation(Dialect dialect, String url, String user, String password) {
    static final String DATA_DIR_PROPERTY = "arus.data.dir";
    static final String URL_PROPERTY = "arus.db.url";
    static final String USER_PROPERTY = "arus.db.user";
    static final String PASSWORD_PROPERTY = "arus.db.password";
    static final String DEFAULT_DATA_DIR = "data";
    static final String H2_FILE_NAME = "metadata";

    // MODE/DATABASE_TO_LOWER/DEFAULT_NULL_ORDERING make H2 behave like PostgreSQL so both share one JPQL and nearly
    // one DDL; NON_KEYWORDS lets the settings table keep its key/value columns unquoted; TIME ZONE=UTC because H2
    // turns a bound java.sql.Timestamp into a local time of the session's zone first, which loses the hour daylight
    // saving time repeats; WRITE_DELAY=0 writes each commit before returning (offsets must survive a kill -9);
    // DB_CLOSE_ON_EXIT=FALSE because the component closes the pool itself and H2's own shutdown hook would close
    // the database under the framework's shutdown.
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";NON_KEYWORDS=KEY,VALUE;TIME ZONE=UTC;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&;])(password|sslpassword|sslkey)=[^&;]*");

    public DatabaseLocation {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(url, "url");
    }

    /**
     * @param directory the data directory
     * @return the embedded H2 file database {@code <directory>/metadata}
     */
    static DatabaseLocation h2(Path directory) {
        String file = directory.toAbsolutePath().normalize().resolve(H2_FILE_NAME).toString().replace('\\', '/');
        return new DatabaseLocation(Dialect.H2, "jdbc:h2:file:" + file + H2_OPTIONS, "sa", "");
    }

    /**
     * The database the server is configured for: {@code arus.db.url} (framework property, else {@code ARUS_DB_URL})
     * when set, otherwise the H2 file under {@code arus.data.dir}.
     *
     * @param property a framework property, or null
     * @param env      an environment variable, or null
     */
    static DatabaseLocation resolve(UnaryOperator<String> property, UnaryOperator<String> env) {
        String url = setting(property, env, URL_PROPERTY, "ARUS_DB_URL");
        if (url == null) {
            String dir = blankToNull(property.apply(DATA_DIR_PROPERTY));
            return h2(Path.of(dir == null ? DEFAULT_DATA_DIR : dir));
        }
        return new DatabaseLocation(Dialect.ofUrl(url), url, setting(property, env, USER_PROPERTY, "ARUS_DB_USER"),
                setting(property, env, PASSWORD_PROPERTY, "ARUS_DB_PASSWORD"));
    }

    /** @return the URL without user info or password parameters, fit for logs and diagnostics */
    public String safeUrl() {
        return SECRET_PARAMETER.matcher(USER_INFO.matcher(url).replaceFirst("//")).replaceAll("$1$2=***");
    }

    @Override
    public String toString() {
        // the generated toString would print the password
        return dialect.id() + " " + safeUrl();
    }

    private static String setting(UnaryOperator<String> property, UnaryOperator<String> env, String key, String var) {
        String value = blankToNull(property.apply(key));
        return value != null ? value : blankToNull(env.apply(var));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

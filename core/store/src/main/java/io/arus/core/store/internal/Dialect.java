package io.arus.core.store.internal;

import java.util.Locale;
import org.eclipse.persistence.platform.database.DatabasePlatform;
import org.eclipse.persistence.platform.database.H2Platform;
import org.eclipse.persistence.platform.database.PostgreSQLPlatform;

/** The SQL dialects the metadata database runs on. */
public enum Dialect {
    /** Embedded H2 file database, the default. */
    H2(H2Platform.class),
    /** PostgreSQL, for production and clusters. */
    POSTGRESQL(PostgreSQLPlatform.class);

    // Referenced as classes, not strings: EclipseLink loads the platform by name through the bundle's class loader,
    // so the bundle must import its package, and bnd only adds imports for classes the code mentions.
    private final Class<? extends DatabasePlatform> platform;

    Dialect(Class<? extends DatabasePlatform> platform) {
        this.platform = platform;
    }

    /** @return {@code h2} or {@code postgresql}, also the folder of its migration scripts */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the EclipseLink target-database class name */
    String platformClassName() {
        return platform.getName();
    }

    /**
     * @param url a JDBC URL
     * @return its dialect
     * @throws IllegalArgumentException for a database the metadata store does not support
     */
    static Dialect ofUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("the metadata database must be PostgreSQL (jdbc:postgresql:...) or H2");
    }
}

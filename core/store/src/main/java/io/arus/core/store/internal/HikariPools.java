package io.arus.core.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Opens the connection pool of the metadata database. */
final class HikariPools {
    static final int MAX_CONNECTIONS = 8;

    private HikariPools() {
    }

    /**
     * @return a started pool; it fails at once when the database cannot be reached
     */
    static HikariDataSource open(DatabaseLocation location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("arus-metadata");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        // The driver's own DataSource, never DriverManager: in OSGi DriverManager only sees drivers the calling
        // bundle imports (STACK.md pitfall 10).
        config.setDataSource(driverDataSource(location));
        return new HikariDataSource(config);
    }

    private static DataSource driverDataSource(DatabaseLocation location) {
        switch (location.dialect()) {
            case H2: {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(location.url());
                h2.setUser(location.user() == null ? "" : location.user());
                h2.setPassword(location.password() == null ? "" : location.password());
                return h2;
            }
            case POSTGRESQL: {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(location.url());
                if (location.user() != null) {
                    pg.setUser(location.user());
                }
                if (location.password() != null) {
                    pg.setPassword(location.password());
                }
                pg.setApplicationName("arus-metadata");
                return pg;
            }
            default:
                throw new IllegalArgumentException("no driver for " + location.dialect());
        }
    }
}

package io.arus.core.scheduler.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's connections: borrowed from the metadata store's pool, so the job store needs no JNDI, no
 * DriverManager (which sees no driver from this bundle) and no second pool. The pool belongs to the store:
 * Quartz shutting down closes nothing.
 */
final class MetadataConnections implements ConnectionProvider {
    private final DataSource dataSource;

    MetadataConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the store closes its pool when it stops
    }

    @Override
    public void initialize() {
        // the pool is open already
    }
}

package io.arus.connector.duckdb;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ConnectorType;
import io.arus.api.plugin.TypeDescriptor;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.duckdb.DuckDBDriver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * DuckDB as a destination (appender loads; append, upsert by key, replace by swap) and a source (full refresh and
 * incremental by keyset): an analytical database in one file, inside the server's data folder or anywhere, with
 * nothing to install.
 */
@Component(service = Connector.class)
@ConnectorType(DuckDbConnector.TYPE)
public final class DuckDbConnector implements Connector {
    static final String TYPE = "duckdb";

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "DuckDB", bundleVersion(),
            "Reads and writes tables of a DuckDB database file (embedded, nothing to install); loads through the"
                    + " appender.", "database", DuckDbSettings.SPEC);
    private final DatabaseFiles files = new DatabaseFiles();
    private final Path dataDir;

    /**
     * @param context the bundle's context: its {@code arus.data.dir} property is the folder relative paths live in
     */
    @Activate
    public DuckDbConnector(BundleContext context) {
        this(Path.of(context.getProperty("arus.data.dir") == null ? "data" : context.getProperty("arus.data.dir")));
    }

    /** @param dataDir the folder relative paths live in (tests) */
    DuckDbConnector(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SOURCE, Capability.DESTINATION, Capability.INCREMENTAL, Capability.UPSERT);
    }

    @Override
    public ConnectorSession open(Config config) throws ConfigException {
        return new DuckDbSession(DuckDbSettings.from(config, dataDir), files);
    }

    /** @return the files open now */
    DatabaseFiles files() {
        return files;
    }

    /**
     * Closes every database file and lets go of what the driver holds in static state (its DriverManager entry and
     * query-cancel thread), so that a stopped or updated bundle leaves no thread or class loader behind.
     */
    @Deactivate
    void deactivate() {
        files.closeAll();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver instanceof DuckDBDriver) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    System.getLogger(DuckDbConnector.class.getName()).log(System.Logger.Level.DEBUG,
                            "deregistering the DuckDB driver: " + e.getMessage());
                }
            }
        }
        DuckDBDriver.shutdownQueryCancelScheduler();
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(DuckDbConnector.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}

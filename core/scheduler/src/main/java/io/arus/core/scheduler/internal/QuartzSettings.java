package io.arus.core.scheduler.internal;

import java.util.Properties;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.simpl.SimpleThreadPool;

/**
 * The Quartz configuration of the Arus scheduler: scheduler {@value #NAME}, a JDBC job store ({@link JobStoreTX})
 * on the metadata database's tables ({@code qrtz_*}, created by the store's migrations) through the connection
 * provider {@value #DATA_SOURCE}, and two worker threads (a job only asks the engine to start a run).
 *
 * <p>Not clustered: each node runs its own scheduler on the shared tables, so several nodes on one PostgreSQL
 * database would each fire every schedule (the engine still never runs one pipeline twice at once on a node).
 * Clustering needs {@code isClustered=true} and row locks, and a run coordination across nodes the engine does not
 * have yet.
 */
final class QuartzSettings {
    static final String NAME = "arus";
    static final String DATA_SOURCE = "arus-metadata";
    static final int THREADS = 2;
    /** A fire time later than this is a misfire, handled by the pipeline's misfire policy. */
    static final long MISFIRE_THRESHOLD_MS = 5_000;

    private QuartzSettings() {
    }

    /** @param dialect the metadata database's: {@code h2} or {@code postgresql} */
    static Properties of(String dialect) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", NAME);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.jmx.export", "false");
        // Quartz threads load the job class by name from the database: they keep the bundle's class loader
        p.setProperty("org.quartz.scheduler.threadsInheritContextClassLoaderOfInitializingThread", "true");
        p.setProperty("org.quartz.threadExecutor.class", QuartzThreads.class.getName());
        p.setProperty("org.quartz.threadPool.class", SimpleThreadPool.class.getName());
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "arus-schedule");
        p.setProperty("org.quartz.threadPool.threadsInheritContextClassLoaderOfInitializingThread", "true");
        p.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate(dialect).getName());
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        // job data as properties, never Java serialization (the jobs keep none anyway)
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
        p.setProperty("org.quartz.jobStore.isClustered", "false");
        return p;
    }

    /** @return PostgreSQL's delegate (BYTEA), else the standard one (BLOB), which H2 speaks */
    static Class<? extends StdJDBCDelegate> delegate(String dialect) {
        return "postgresql".equals(dialect) ? PostgreSQLDelegate.class : StdJDBCDelegate.class;
    }
}

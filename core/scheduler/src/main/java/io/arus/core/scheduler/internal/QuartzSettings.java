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
 * <p>In cluster mode ({@code ARUS_CLUSTER=true}, PostgreSQL only) the job store is clustered: the nodes check in
 * every {@value #CHECKIN_MS} ms, take triggers under the store's row lock, so each fire time runs on one node, and
 * recover the fired triggers of a node that stopped checking in. A single node is not clustered.
 */
final class QuartzSettings {
    static final String NAME = "arus";
    static final String DATA_SOURCE = "arus-metadata";
    static final int THREADS = 2;
    /** A fire time later than this is a misfire, handled by the pipeline's misfire policy. */
    static final long MISFIRE_THRESHOLD_MS = 5_000;
    /** How often a clustered node checks in; a node silent for longer (plus a margin) is taken to be gone. */
    static final long CHECKIN_MS = 5_000;

    private QuartzSettings() {
    }

    /** @param dialect the metadata database's: {@code h2} or {@code postgresql} */
    static Properties of(String dialect) {
        return of(dialect, false);
    }

    /**
     * @param dialect   the metadata database's: {@code h2} or {@code postgresql}
     * @param clustered whether the server is a node of a cluster (then the dialect is PostgreSQL)
     */
    static Properties of(String dialect, boolean clustered) {
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
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
        if (clustered) {
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_MS));
            // acquire under the lock, so two nodes never take the same trigger between their reads
            p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        }
        return p;
    }

    /** @return PostgreSQL's delegate (BYTEA), else the standard one (BLOB), which H2 speaks */
    static Class<? extends StdJDBCDelegate> delegate(String dialect) {
        return "postgresql".equals(dialect) ? PostgreSQLDelegate.class : StdJDBCDelegate.class;
    }
}

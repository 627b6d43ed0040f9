package io.arus.core.scheduler.internal;

import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * Opens the Quartz scheduler inside OSGi. Quartz finds classes through the thread context class loader: the job
 * class named in its tables, and {@code java.sql.Connection} for the proxies it wraps connections in. Every call
 * into Quartz that may touch the database therefore runs with this bundle's loader as context class loader
 * ({@link #inBundle}); the threads Quartz creates inherit it.
 */
final class QuartzFactory {
    private QuartzFactory() {
    }

    /**
     * @param dialect    the metadata database's, for the driver delegate
     * @param clustered  whether the job store is clustered ({@link QuartzSettings})
     * @param dataSource the metadata store's pool, registered as Quartz connection provider
     *                   {@value QuartzSettings#DATA_SOURCE}
     * @param jobs       makes the jobs
     * @return a scheduler in standby: triggers can be changed, nothing fires before {@link Scheduler#start()}
     */
    static Scheduler open(String dialect, boolean clustered, DataSource dataSource, JobFactory jobs)
            throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider(QuartzSettings.DATA_SOURCE,
                new MetadataConnections(dataSource));
        return inBundle(() -> {
            Scheduler scheduler = new StdSchedulerFactory(QuartzSettings.of(dialect, clustered)).getScheduler();
            scheduler.setJobFactory(jobs);
            return scheduler;
        });
    }

    /** Runs Quartz work with this bundle's class loader as the thread's context class loader. */
    static <T> T inBundle(QuartzWork<T> work) throws SchedulerException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(QuartzFactory.class.getClassLoader());
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Work against Quartz. */
    @FunctionalInterface
    interface QuartzWork<T> {
        T run() throws SchedulerException;
    }
}

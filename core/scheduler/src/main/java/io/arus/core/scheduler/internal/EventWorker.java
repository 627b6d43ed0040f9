package io.arus.core.scheduler.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that does what events ask for, in their order, off the EventAdmin's delivery thread (which must not
 * wait on the database). Its context class loader is this bundle's: Quartz creates its connection proxies with
 * the caller's context class loader, and a thread without one cannot see {@code java.sql}.
 */
final class EventWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventWorker.class);

    private final ExecutorService executor;

    EventWorker(String name) {
        ClassLoader loader = EventWorker.class.getClassLoader();
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
    }

    /** Runs the work after what was submitted before; a failure is logged, the next work still runs. */
    void submit(Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("scheduler event handling failed: {}", e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("scheduler stopping; event dropped");
        }
    }

    /** Lets submitted work finish (a few seconds at most), then stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

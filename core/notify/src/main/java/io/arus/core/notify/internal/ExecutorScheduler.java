package io.arus.core.notify.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few daemon threads of the notification bundle's own for lookups and deliveries; waits between retries are
 * scheduled on them, not slept. Stopping it drops what is still waiting.
 */
final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    ExecutorScheduler(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "arus-notify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = new ScheduledThreadPoolExecutor(threads, factory);
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void schedule(Runnable work, Duration delay) {
        try {
            executor.schedule(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("notification work failed: {}", e.getMessage(), e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("notifications stopping; work dropped");
        }
    }

    /** Stops the threads; a delivery in flight is interrupted, waiting retries are dropped. */
    @Override
    public void close() {
        int waiting = executor.shutdownNow().size();
        if (waiting > 0) {
            LOG.info("notifications stopping: {} pending delivery attempt(s) dropped", waiting);
        }
    }
}

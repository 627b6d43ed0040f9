package io.arus.core.scheduler.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.quartz.spi.ThreadExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Quartz's own threads (the scheduler loop, the misfire handler) on threads Quartz cannot interrupt. Quartz
 * interrupts them when it shuts down, and an interrupt that lands while a thread writes to the embedded H2 file
 * closes the whole metadata database under every other component ({@code ClosedByInterruptException}). Here
 * Quartz interrupts a thread object that never started; its loops still end, on the flags its shutdown sets, and
 * {@link #awaitSchedulerLoop} waits for the scheduler loop so it never touches the pool after the store closed it.
 *
 * <p>Quartz instantiates this class by name ({@code org.quartz.threadExecutor.class}), hence public.
 */
public final class QuartzThreads implements ThreadExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzThreads.class);
    private static final String SCHEDULER_LOOP = "_QuartzSchedulerThread";
    private static final Set<Thread> RUNNING = ConcurrentHashMap.newKeySet();

    @Override
    public void initialize() {
        // nothing to prepare
    }

    @Override
    public void execute(Thread quartzThread) {
        Thread runner = new Thread(() -> {
            try {
                quartzThread.run();
            } finally {
                RUNNING.remove(Thread.currentThread());
            }
        }, quartzThread.getName());
        runner.setDaemon(true);
        runner.setPriority(quartzThread.getPriority());
        runner.setContextClassLoader(quartzThread.getContextClassLoader());
        RUNNING.add(runner);
        runner.start();
    }

    /**
     * Waits for the scheduler loops of shut-down schedulers to end (the misfire handler ends by itself after its
     * sleep, without touching the database).
     */
    static void awaitSchedulerLoop(long timeout, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread thread : RUNNING) {
            if (!thread.getName().endsWith(SCHEDULER_LOOP)) {
                continue;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.warn("the Quartz scheduler loop {} did not end within {} {}", thread.getName(), timeout, unit);
            }
        }
    }
}

package io.arus.core.platform.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleException;

/**
 * Framework calls on one drop-in bundle that may run plugin code (start runs its activator and components, stop
 * and uninstall run its stop), done in order on a thread of their own so that the watcher never waits on a plugin.
 * The thread can be interrupted to unblock a plugin that waits forever.
 */
final class BundleOperation implements Runnable {
    /** A framework call. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /** A named step: the name is what the user reads ("activation did not finish in 30 s"). */
    record Step(String name, Call call) {
    }

    private final List<Step> steps;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Thread runner;
    private volatile String phase;
    private volatile long phaseStarted = System.nanoTime();
    private volatile boolean interrupted;

    BundleOperation(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.phase = steps.get(0).name();
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        try {
            for (Step step : steps) {
                phase = step.name();
                phaseStarted = System.nanoTime();
                if (interrupted) {
                    throw new InterruptedException(step.name() + " was cancelled");
                }
                step.call().run();
            }
            done.complete(null);
        } catch (Exception | LinkageError e) {
            done.completeExceptionally(e);
        } finally {
            runner = null;
            // a pool thread must not carry our interrupt into the next operation
            Thread.interrupted();
        }
    }

    /** Interrupts the step that is running, and makes the steps still to come fail. */
    void interrupt() {
        interrupted = true;
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean isDone() {
        return done.isDone();
    }

    /** @return the name of the first step, which says what the operation is for */
    String kind() {
        return steps.get(0).name();
    }

    /** @return the step running now, or the last one */
    String phase() {
        return phase;
    }

    /** @return how long the step running now has been running, in seconds */
    long phaseSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - phaseStarted);
    }

    /** @return whether it ended within the time */
    boolean await(long millis) {
        try {
            done.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @return why it failed, for the user; {@code null} when it succeeded, is still running, or failed only
     *         because the bundle cannot be resolved (the inventory names the missing requirement itself)
     */
    String failure() {
        if (!done.isCompletedExceptionally()) {
            return null;
        }
        Throwable error = done.handle((ok, e) -> e).join();
        if (error instanceof BundleException b && b.getType() == BundleException.RESOLVE_ERROR) {
            return null;
        }
        Throwable cause = error instanceof BundleException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof InterruptedException) {
            return phase + " was interrupted";
        }
        String message = cause.getMessage();
        return phase + " failed: " + (message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
    }
}

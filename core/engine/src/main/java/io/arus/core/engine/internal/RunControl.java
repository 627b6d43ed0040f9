package io.arus.core.engine.internal;

import java.util.concurrent.atomic.AtomicReference;

/** The stop signal of a run, checked at every batch boundary. */
final class RunControl {
    /** Why a run stops early. */
    enum Stop { CANCELLED, INTERRUPTED }

    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private volatile String detail;
    private boolean paused;
    private boolean ended;

    void stop(Stop why) {
        stop.compareAndSet(null, why);
        wakeUp();
    }

    /** Asks the run's streams to wait at their next batch boundary, offsets stored, until resumed or stopped. */
    synchronized boolean pause() {
        if (paused || ended || isStopped()) {
            return false;
        }
        paused = true;
        return true;
    }

    synchronized boolean resume() {
        if (!paused) {
            return false;
        }
        paused = false;
        notifyAll();
        return true;
    }

    /** The run is over: no pause any more (callers hold this object's lock while they store the end). */
    synchronized void end() {
        ended = true;
        paused = false;
        notifyAll();
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /** At a batch boundary: returns at once unless paused, else when resumed or stopped. */
    synchronized void awaitWhilePaused() throws InterruptedException {
        while (paused && !isStopped()) {
            wait();
        }
    }

    /**
     * Waits before a retry; a stop ends the wait at once.
     *
     * @param millis how long
     * @return whether the run may go on (false: it was stopped meanwhile)
     */
    synchronized boolean sleep(long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; left > 0 && !isStopped(); left = (until - System.nanoTime()) / 1_000_000) {
            wait(left);
        }
        return !isStopped();
    }

    private synchronized void wakeUp() {
        notifyAll();
    }

    /** Stops with the words the run's error will carry. */
    void stop(Stop why, String detail) {
        if (stop.compareAndSet(null, why)) {
            this.detail = detail;
        }
        wakeUp();
    }

    /** @return why the run stopped in words, or null for a plain cancel or server stop */
    String detail() {
        return detail;
    }

    boolean isStopped() {
        return stop.get() != null;
    }

    Stop reason() {
        return stop.get();
    }
}

package io.arus.core.boot;

import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * Stops the framework, and so every bundle in order, when the JVM is asked to stop (SIGTERM, SIGINT). The bnd
 * launcher's own shutdown hook only deletes its working folder; without this one a service manager's stop
 * would end the server without deactivating anything.
 */
final class FrameworkShutdownHook extends Thread {
    private static final long STOP_TIMEOUT_MS = 30_000;

    private final Framework framework;

    FrameworkShutdownHook(Framework framework) {
        super("arus-shutdown");
        this.framework = framework;
    }

    @Override
    public void run() {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT_MS);
        } catch (BundleException | InterruptedException | IllegalStateException e) {
            System.err.println("arus: the framework did not stop cleanly: " + e);
        }
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(this);
    }

    /** Removes the hook when the framework stops on its own (the shell's {@code stop 0}). */
    void uninstall() {
        if (Thread.currentThread() == this) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(this);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: this hook is the one stopping the framework
        }
    }
}

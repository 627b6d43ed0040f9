package io.arus.core.platform.internal;

import io.arus.core.platform.DropinWatcher;
import io.arus.core.platform.PluginBusyException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the drop-in folder on a thread of its own and keeps that thread alive: a supervisor notices when it has
 * died (an error, an interrupt from a plugin), reports the outage, and starts a new one after a short delay.
 * <p>
 * Arus used Apache Felix FileInstall before. FileInstall installs, starts, updates, refreshes and uninstalls on its
 * single watcher thread and waits for each without a time limit, so one activator that never returns stopped every
 * later drop-in, and its thread ended silently when interrupted. Here the watcher only installs (no plugin code
 * runs) and hands everything that runs plugin code to {@link BundleOperation}s.
 * <p>
 * Framework properties: {@code felix.fileinstall.dir} the folder (the name FileInstall read, kept so existing
 * settings and {@code ARUS_PLUGINS_DIR} keep working), {@code arus.dropin.poll.ms} (500),
 * {@code arus.dropin.activation.timeout} in seconds (30), {@code arus.dropin.restart.delay.ms} (2000).
 */
@Component(service = {DropinWatcher.class, SupervisedDropinWatcher.class}, immediate = true)
public final class SupervisedDropinWatcher implements DropinWatcher {
    static final String FOLDER_PROPERTY = "felix.fileinstall.dir";
    static final String POLL_PROPERTY = "arus.dropin.poll.ms";
    static final String TIMEOUT_PROPERTY = "arus.dropin.activation.timeout";
    static final String RESTART_PROPERTY = "arus.dropin.restart.delay.ms";
    /** The watcher thread's name. */
    static final String THREAD_NAME = "arus-dropin-watcher";

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedDropinWatcher.class);

    private final Path folder;
    private final long pollMillis;
    private final long restartDelayMillis;
    private final ExecutorService operations;
    private final DropinBundles bundles;
    private final ScheduledExecutorService supervisor;
    private volatile boolean closed;
    private volatile Thread watcher;
    /** Why the last watcher thread ended. */
    private volatile String death;
    /** When the supervisor found the watcher dead, in System.nanoTime(); meaningful while outage is set. */
    private volatile long downSince;
    private volatile String outage;

    @Activate
    public SupervisedDropinWatcher(BundleContext context) {
        String dir = context.getProperty(FOLDER_PROPERTY);
        this.folder = Path.of(dir == null ? "plugins-dropin" : dir).toAbsolutePath().normalize();
        this.pollMillis = number(context, POLL_PROPERTY, 500);
        this.restartDelayMillis = number(context, RESTART_PROPERTY, 2_000);
        this.operations = Executors.newCachedThreadPool(daemons("arus-dropin-bundle-"));
        this.bundles = new DropinBundles(context, folder, number(context, TIMEOUT_PROPERTY, 30), operations);
        bundles.adopt();
        this.watcher = startWatcher();
        this.supervisor = Executors.newSingleThreadScheduledExecutor(daemons("arus-dropin-supervisor-"));
        supervisor.scheduleWithFixedDelay(this::supervise, 250, 250, TimeUnit.MILLISECONDS);
        LOG.info("Watching the drop-in folder {} every {} ms", folder, pollMillis);
    }

    @Deactivate
    void stop() throws InterruptedException {
        closed = true;
        supervisor.shutdownNow();
        Thread thread = watcher;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
        operations.shutdownNow();
    }

    /** @return the watched folder */
    Path folder() {
        return folder;
    }

    /** @return true while the bundle from this file of the folder is being installed, started, updated or removed */
    boolean busy(Path file) {
        return bundles.busy(file);
    }

    /** @return why the plugin from this file of the folder is not working, or null */
    String problem(Path file) {
        return bundles.problem(file);
    }

    @Override
    public Optional<String> outage() {
        return Optional.ofNullable(outage);
    }

    @Override
    public boolean remove(String file) throws PluginBusyException, IOException {
        return bundles.remove(file);
    }

    private Thread startWatcher() {
        Thread thread = new Thread(this::watch, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void watch() {
        try {
            while (!closed) {
                try {
                    bundles.scan();
                } catch (RuntimeException e) {
                    LOG.warn("Scanning the drop-in folder failed; trying again at the next poll", e);
                }
                Thread.sleep(pollMillis);
            }
        } catch (InterruptedException e) {
            if (!closed) {
                death = "its thread was interrupted";
            }
        } catch (Throwable e) {
            // an Error (or a ThreadDeath) ends this thread; the supervisor starts a new one
            death = "its thread died: " + e;
            LOG.error("The drop-in watcher thread died", e);
        }
    }

    private void supervise() {
        try {
            if (closed || watcher.isAlive()) {
                return;
            }
            if (outage == null) {
                downSince = System.nanoTime();
                outage = "the drop-in watcher is not running (" + (death == null ? "its thread ended" : death)
                        + "); it is restarted within " + restartDelayMillis + " ms";
                LOG.error("{}", outage);
            } else if (System.nanoTime() - downSince >= TimeUnit.MILLISECONDS.toNanos(restartDelayMillis)) {
                death = null;
                watcher = startWatcher();
                outage = null;
                LOG.info("The drop-in watcher was restarted");
            }
        } catch (Throwable e) {
            // the supervisor's schedule ends at the first exception that escapes
            LOG.error("Supervising the drop-in watcher failed", e);
        }
    }

    private static long number(BundleContext context, String property, long fallback) {
        String value = context.getProperty(property);
        try {
            return value == null || value.isBlank() ? fallback : Math.max(1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("{}={} is not a whole number; using {}", property, value, fallback);
            return fallback;
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

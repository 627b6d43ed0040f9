package io.arus.core.platform.internal;

import io.arus.core.platform.PluginBusyException;
import io.arus.core.platform.internal.BundleOperation.Step;
import io.arus.core.platform.internal.TrackedFile.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundles of the drop-in folder and what is being done to them. {@link #scan()} compares the folder with what
 * is installed and acts on files that have been stable for one poll: install (on the calling thread: it runs no
 * plugin code), then start, update and uninstall as {@link BundleOperation}s on threads of their own, never waited
 * for by the scan. A plugin that hangs therefore holds up only itself.
 */
final class DropinBundles {
    private static final Logger LOG = LoggerFactory.getLogger(DropinBundles.class);
    /** How long a removal waits for an interrupted activation to give up. */
    private static final long INTERRUPT_WAIT_MS = 5_000;
    /** How often an activation looks whether the server's start reached the bundle's start level. */
    private static final long START_LEVEL_POLL_MS = 50;

    private final BundleContext context;
    private final Path folder;
    private final long timeoutSeconds;
    private final ExecutorService operations;
    /** Guarded by this. */
    private final Map<Path, TrackedFile> files = new HashMap<>();

    DropinBundles(BundleContext context, Path folder, long timeoutSeconds, ExecutorService operations) {
        this.context = context;
        this.folder = folder;
        this.timeoutSeconds = timeoutSeconds;
        this.operations = operations;
    }

    /** Takes over the bundles installed from the folder earlier (kept framework storage, a restarted component). */
    synchronized void adopt() {
        for (Bundle bundle : context.getBundles()) {
            Path file = FrameworkPluginInventory.fileOf(bundle.getLocation());
            if (file != null && folder.equals(file.getParent())) {
                TrackedFile tracked = new TrackedFile(file);
                tracked.bundleId = bundle.getBundleId();
                Fingerprint now = Fingerprint.of(file);
                tracked.seen = now;
                tracked.applied = now != null && now.modified() <= bundle.getLastModified() ? now : null;
                files.put(file, tracked);
                if (tracked.applied != null && (bundle.getState() & (Bundle.INSTALLED | Bundle.RESOLVED)) != 0
                        && !fragment(bundle)) {
                    // started transiently before, so not started again by a framework restart on kept storage
                    run(tracked, List.of(activation(bundle)));
                }
            }
        }
    }

    /** One poll of the folder. */
    void scan() {
        Set<Path> present = jars();
        synchronized (this) {
            boolean changed = false;
            boolean freed = false;
            for (Iterator<TrackedFile> it = files.values().iterator(); it.hasNext(); ) {
                TrackedFile tracked = it.next();
                if (present.contains(tracked.path) || tracked.removing) {
                    continue;
                }
                Bundle bundle = tracked.bundleId < 0 ? null : context.getBundle(tracked.bundleId);
                if (bundle == null || bundle.getState() == Bundle.UNINSTALLED) {
                    if (!tracked.busy()) {
                        it.remove();
                        freed |= tracked.bundleId >= 0;
                    }
                } else if (tracked.busy()) {
                    if (!"uninstall".equals(tracked.operation.kind())) {
                        // the file is gone: the plugin is not wanted any more, so stop waiting for it
                        tracked.operation.interrupt();
                    }
                } else {
                    run(tracked, uninstall(bundle, tracked.path));
                    changed = true;
                }
            }
            for (Path path : present) {
                TrackedFile tracked = files.computeIfAbsent(path, TrackedFile::new);
                Fingerprint now = Fingerprint.of(path);
                if (tracked.removing || now == null) {
                    continue;
                }
                if (tracked.busy()) {
                    if (now.equals(tracked.seen) && !now.equals(tracked.applied)
                            && tracked.operation.phaseSeconds() >= timeoutSeconds) {
                        // a new file replaces a plugin that is stuck: stop waiting for the old one
                        tracked.operation.interrupt();
                    }
                    tracked.seen = now;
                    continue;
                }
                if (tracked.bundleId >= 0 && context.getBundle(tracked.bundleId) == null) {
                    // uninstalled behind the watcher's back (the shell): the file is still there, so install it again
                    tracked.bundleId = -1;
                    tracked.applied = null;
                }
                if (!now.equals(tracked.seen)) {
                    tracked.seen = now;
                    continue;
                }
                if (now.equals(tracked.applied)) {
                    continue;
                }
                changed = true;
                Bundle bundle = tracked.bundleId < 0 ? null : context.getBundle(tracked.bundleId);
                if (bundle == null) {
                    install(tracked, now);
                } else {
                    update(tracked, bundle, now);
                }
            }
            if (changed || freed) {
                retry(freed);
            }
        }
    }

    /** @return true while the file's bundle is being installed, started, updated or uninstalled */
    synchronized boolean busy(Path file) {
        TrackedFile tracked = files.get(file);
        return tracked != null && tracked.busy();
    }

    /** @return why the file's plugin is not working, or null when nothing is known to be wrong */
    synchronized String problem(Path file) {
        TrackedFile tracked = files.get(file);
        if (tracked == null) {
            return null;
        }
        BundleOperation operation = tracked.operation;
        if (operation != null && !operation.isDone() && operation.phaseSeconds() >= timeoutSeconds) {
            return operation.phase() + " did not finish in " + timeoutSeconds + " s";
        }
        String failure = operation == null ? null : operation.failure();
        return failure != null ? failure : tracked.problem;
    }

    /**
     * Deletes a file of the folder and uninstalls its bundle, interrupting an activation still running.
     *
     * @return false when there was neither the file nor a bundle from it
     */
    boolean remove(String name) throws PluginBusyException, IOException {
        Path path = folder.resolve(name).normalize();
        if (!folder.equals(path.getParent())) {
            throw new IOException(name + " is not in the drop-in folder");
        }
        TrackedFile tracked;
        BundleOperation running;
        synchronized (this) {
            tracked = files.get(path);
            if (tracked != null && tracked.removing) {
                throw new PluginBusyException(name + " is already being removed");
            }
            if (tracked != null) {
                tracked.removing = true;
            }
            running = tracked != null && tracked.busy() ? tracked.operation : null;
        }
        try {
            if (running != null) {
                running.interrupt();
                if (!running.await(INTERRUPT_WAIT_MS)) {
                    throw new PluginBusyException(name + " cannot be removed now: its " + running.phase() + " has been running for "
                            + running.phaseSeconds() + " s and did not stop when interrupted, and the bundle cannot be"
                            + " uninstalled before it returns; the file is kept");
                }
            }
            boolean existed = Files.deleteIfExists(path);
            Bundle bundle = tracked == null || tracked.bundleId < 0 ? null : context.getBundle(tracked.bundleId);
            if (bundle != null && bundle.getState() != Bundle.UNINSTALLED) {
                BundleOperation uninstall = new BundleOperation(uninstall(bundle, path));
                synchronized (this) {
                    tracked.operation = uninstall;
                }
                operations.execute(uninstall);
                if (!uninstall.await(TimeUnit.SECONDS.toMillis(timeoutSeconds))) {
                    throw new PluginBusyException(name + " is deleted, but its bundle's " + uninstall.phase() + " did not finish in "
                            + timeoutSeconds + " s; it is uninstalled once that returns");
                }
                if (bundle.getState() != Bundle.UNINSTALLED) {
                    throw new PluginBusyException(name + " is deleted, but its bundle could not be uninstalled: " + uninstall.failure());
                }
            }
            synchronized (this) {
                files.remove(path);
                retry(bundle != null);
            }
            return existed || bundle != null;
        } finally {
            if (tracked != null) {
                synchronized (this) {
                    tracked.removing = false;
                }
            }
        }
    }

    private void install(TrackedFile tracked, Fingerprint now) {
        tracked.applied = now;
        tracked.operation = null;
        tracked.problem = DropinFile.problem(tracked.path);
        if (tracked.problem != null) {
            return;
        }
        try (InputStream in = Files.newInputStream(tracked.path)) {
            Bundle bundle = context.installBundle(tracked.location(), in);
            tracked.bundleId = bundle.getBundleId();
            LOG.info("Installed drop-in {} {} from {}", bundle.getSymbolicName(), bundle.getVersion(), tracked.path.getFileName());
            if (!fragment(bundle)) {
                run(tracked, List.of(activation(bundle)));
            }
        } catch (BundleException e) {
            tracked.problem = e.getType() == BundleException.DUPLICATE_BUNDLE_ERROR ? duplicate(tracked.path)
                    : "could not be installed: " + e.getMessage();
            LOG.warn("Drop-in {} not installed: {}", tracked.path.getFileName(), tracked.problem);
        } catch (IOException | IllegalStateException | SecurityException e) {
            tracked.applied = null;
            LOG.warn("Drop-in {} could not be read, trying again: {}", tracked.path.getFileName(), e.toString());
        }
    }

    private void update(TrackedFile tracked, Bundle bundle, Fingerprint now) {
        tracked.applied = now;
        tracked.problem = DropinFile.problem(tracked.path);
        if (tracked.problem != null) {
            tracked.problem = "the new file is not installed: " + tracked.problem;
            return;
        }
        LOG.info("Updating drop-in {} from {}", bundle.getSymbolicName(), tracked.path.getFileName());
        // stopped first, so that update() does not restart it on this thread; started again as an operation
        run(tracked, List.of(
                new Step("stop", () -> bundle.stop(Bundle.STOP_TRANSIENT)),
                new Step("update", () -> {
                    try (InputStream in = Files.newInputStream(tracked.path)) {
                        bundle.update(in);
                    }
                }),
                new Step("refresh", () -> refresh(bundle)),
                activation(bundle)));
    }

    private List<Step> uninstall(Bundle bundle, Path file) {
        return List.of(
                new Step("uninstall", () -> {
                    bundle.uninstall();
                    LOG.info("Uninstalled drop-in {} (its file {} was removed)", bundle.getSymbolicName(), file.getFileName());
                }),
                new Step("refresh", () -> refresh(bundle)));
    }

    /**
     * Starts the bundle transiently, so its activator runs on this operation's thread and nowhere else. A persistent
     * start marks the bundle to be started, and the framework's start-level thread starts a marked bundle whenever it
     * handles a start-level request for it: the bnd launcher makes one for every bundle installed or updated at run
     * time. When that request waited for an activation that was then interrupted, the start-level thread ran the
     * activator again, where no removal could interrupt it (HostileDropinTest, 3 of 4 CI runs). Nothing is lost:
     * the framework's storage is not kept across starts, and {@link #adopt()} starts what it takes over.
     * <p>
     * A transient start is refused while the framework is below the bundle's start level, as it is while the server
     * starts with files already in the folder: the activation waits for that level first (interruptibly, like the
     * activator itself).
     */
    private Step activation(Bundle bundle) {
        return new Step("activation", () -> {
            if (!fragment(bundle)) {
                FrameworkStartLevel framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkStartLevel.class);
                int level = bundle.adapt(BundleStartLevel.class).getStartLevel();
                while (framework.getStartLevel() < level) {
                    Thread.sleep(START_LEVEL_POLL_MS);
                }
                bundle.start(Bundle.START_TRANSIENT);
            }
        });
    }

    /**
     * Starts bundles that could not be resolved before (a bundle they need may have arrived) and, once a bundle has
     * been uninstalled, installs again the files refused before (the bundle they clashed with may be gone).
     */
    private void retry(boolean uninstalled) {
        for (TrackedFile tracked : files.values()) {
            if (tracked.removing || tracked.busy() || tracked.problem != null && tracked.bundleId >= 0) {
                continue;
            }
            Bundle bundle = tracked.bundleId < 0 ? null : context.getBundle(tracked.bundleId);
            if (bundle == null && tracked.problem != null) {
                if (uninstalled) {
                    tracked.applied = null;
                }
            } else if (bundle != null && bundle.getState() == Bundle.INSTALLED && !fragment(bundle)
                    && (tracked.operation == null || tracked.operation.failure() == null)) {
                run(tracked, List.of(activation(bundle)));
            }
        }
    }

    private void run(TrackedFile tracked, List<Step> steps) {
        BundleOperation operation = new BundleOperation(steps);
        tracked.operation = operation;
        operations.execute(operation);
    }

    /**
     * Refreshes a bundle's wiring and waits for it, unless a bundle that depends on it is starting or stopping
     * (a refresh would wait for it while holding the framework's global lock, and every resolve would wait too).
     */
    private void refresh(Bundle bundle) throws InterruptedException, TimeoutException {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        for (Bundle dependent : wiring.getDependencyClosure(List.of(bundle))) {
            if ((dependent.getState() & (Bundle.STARTING | Bundle.STOPPING)) != 0) {
                LOG.warn("Not refreshing {}: {} is still {}", bundle.getSymbolicName(), dependent.getSymbolicName(),
                        dependent.getState() == Bundle.STARTING ? "starting" : "stopping");
                return;
            }
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), event -> refreshed.countDown());
        if (!refreshed.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new TimeoutException("the package refresh did not finish in " + timeoutSeconds + " s");
        }
    }

    private String duplicate(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            String name = main.getValue(Constants.BUNDLE_SYMBOLICNAME).split(";")[0].trim();
            Version version = Version.parseVersion(main.getValue(Constants.BUNDLE_VERSION));
            for (Bundle other : context.getBundles()) {
                if (name.equals(other.getSymbolicName()) && version.equals(other.getVersion())) {
                    Path otherFile = FrameworkPluginInventory.fileOf(other.getLocation());
                    return "not installed: a bundle with the same symbolic name and version (" + name + " " + version
                            + ") is already installed" + (otherFile != null && folder.equals(otherFile.getParent())
                            ? " from " + otherFile.getFileName() : " as part of the server") + " (bundle " + other.getBundleId() + ")";
                }
            }
            return "not installed: a bundle with the same symbolic name and version (" + name + " " + version
                    + ") is already installed";
        } catch (IOException | RuntimeException e) {
            return "not installed: a bundle with the same symbolic name and version is already installed";
        }
    }

    private Set<Path> jars() {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(f -> {
                String name = f.getFileName().toString();
                return name.endsWith(".jar") && !name.startsWith(".") && Files.isRegularFile(f);
            }).map(f -> f.toAbsolutePath().normalize()).collect(Collectors.toSet());
        } catch (IOException e) {
            LOG.warn("Cannot list the drop-in folder {}: {}", folder, e.toString());
            return Set.of();
        }
    }

    private static boolean fragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }
}

package io.arus.core.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class SupervisedDropinWatcherTest {
    @TempDir
    Path folder;

    SupervisedDropinWatcher watcher;

    @BeforeEach
    void start() {
        watcher = new SupervisedDropinWatcher(context(Map.of(
                SupervisedDropinWatcher.FOLDER_PROPERTY, folder.toString(),
                SupervisedDropinWatcher.POLL_PROPERTY, "20",
                SupervisedDropinWatcher.RESTART_PROPERTY, "300")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        watcher.stop();
    }

    @Test
    void readsTheFolderFromTheFileInstallProperty() {
        assertThat(watcher.folder()).isEqualTo(folder.toAbsolutePath().normalize());
        assertThat(watcher.outage()).isEmpty();
    }

    @Test
    void interruptedWatcherIsReportedThenRestarted() throws InterruptedException {
        Thread first = watcherThread();

        first.interrupt();

        String outage = await(() -> watcher.outage().orElse(null));
        assertThat(outage).contains("drop-in watcher is not running").contains("interrupted");
        assertThat(first.isAlive()).isFalse();
        await(() -> watcher.outage().isEmpty() ? "up" : null);
        assertThat(watcherThread()).isNotSameAs(first);
        assertThat(watcherThread().isAlive()).isTrue();
    }

    @Test
    void stoppedWatcherIsNotRestarted() throws InterruptedException {
        Thread thread = watcherThread();

        watcher.stop();
        Thread.sleep(600);

        assertThat(thread.isAlive()).isFalse();
        assertThat(watcher.outage()).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(SupervisedDropinWatcher.THREAD_NAME));
    }

    private static Thread watcherThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(SupervisedDropinWatcher.THREAD_NAME) && t.isAlive())
                .findFirst().orElseThrow();
    }

    private static String await(Supplier<String> value) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            String current = value.get();
            if (current != null) {
                return current;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("nothing within 5 s");
    }

    /** A bundle context with properties and no bundles: all the watcher asks of an empty folder. */
    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.get((String) args[0]);
                    case "getBundles" -> new Bundle[0];
                    case "toString" -> "test context";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

package io.arus.itest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The drop-in folder the server watches ({@code felix.fileinstall.dir} in itest.bndrun), emptied before and after
 * each test: every file deleted, then {@code /api/plugins} awaited until it lists no drop-in bundle. A test class
 * registers it as {@code @RegisterExtension final DropinFolder dropins = new DropinFolder(within);}.
 */
final class DropinFolder implements BeforeEachCallback, AfterEachCallback {
    private final Path path = Path.of(FrameworkUtil.getBundle(DropinFolder.class).getBundleContext()
            .getProperty("felix.fileinstall.dir"));
    private final Duration emptiedWithin;

    /** @param emptiedWithin how long the watcher may take to uninstall the deleted files' bundles */
    DropinFolder(Duration emptiedWithin) {
        this.emptiedWithin = emptiedWithin;
    }

    /** @return the folder */
    Path path() {
        return path;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        empty();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        empty();
    }

    private void empty() throws Exception {
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        ArusServer.await().awaitJson("/api/plugins", emptiedWithin, plugins -> {
            for (JsonNode plugin : plugins) {
                if (plugin.path("dropin").asBoolean()) {
                    return false;
                }
            }
            return true;
        }, "the drop-in folder's bundles should be uninstalled");
    }
}

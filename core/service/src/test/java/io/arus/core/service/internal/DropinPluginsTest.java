package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.model.InvalidModelException;
import io.arus.core.platform.DropinWatcher;
import io.arus.core.platform.PluginBundle;
import io.arus.core.platform.PluginInventory;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.ForbiddenException;
import io.arus.core.service.PluginService;
import io.arus.core.store.Role;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropinPluginsTest {
    private static final Actor ADMIN = new Actor("ada", Role.ADMIN, "shell");

    @TempDir
    Path folder;

    private final List<String> events = new ArrayList<>();

    @Test
    void aBundleJarIsAuditedThenRenamedIntoTheFolderUnderItsPlainName() throws IOException {
        PluginService.InstalledPlugin installed = plugins().install(ADMIN, "/home/ada/Downloads/extra-1.0.jar",
                new ByteArrayInputStream(jar("io.example.extra")));

        assertThat(installed.file()).isEqualTo("extra-1.0.jar");
        assertThat(installed.replaced()).isFalse();
        assertThat(installed.sha256()).hasSize(64);
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("extra-1.0.jar");
        }
        assertThat(events).singleElement().asString().startsWith("audit plugin.upload plugin:extra-1.0.jar "
                + installed.bytes() + " bytes, sha256 " + installed.sha256());
        assertThat(plugins().install(ADMIN, "extra-1.0.jar", new ByteArrayInputStream(jar("io.example.extra"))).replaced())
                .isTrue();
    }

    @Test
    void anythingButABundleJarWithAPlainNameIsRefusedNamingFileAndNothingIsLeftInTheFolder() throws IOException {
        assertThatThrownBy(() -> plugins().install(ADMIN, ".hidden.jar", new ByteArrayInputStream(jar("x"))))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("file"));
        assertThatThrownBy(() -> plugins().install(ADMIN, "plain.jar", new ByteArrayInputStream(jar(null))))
                .isInstanceOfSatisfying(InvalidModelException.class,
                        e -> assertThat(e.violations().get(0).message()).contains("no Bundle-SymbolicName"));
        assertThatThrownBy(() -> plugins().install(ADMIN, "empty.jar", new ByteArrayInputStream(new byte[0])))
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> plugins().install(new Actor("erin", Role.EDITOR, null), "x.jar",
                new ByteArrayInputStream(jar("x")))).isInstanceOf(ForbiddenException.class);
        try (var files = Files.list(folder)) {
            assertThat(files).as("no temporary file stays").isEmpty();
        }
        assertThat(events).isEmpty();
    }

    @Test
    void onlyADropinIsUninstalledAuditedFirst() {
        assertThatThrownBy(() -> plugins().uninstall(ADMIN, "1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("part of the server");
        PluginBundle removed = plugins().uninstall(ADMIN, "extra.jar");

        assertThat(removed.symbolicName()).isEqualTo("io.example.extra");
        assertThat(events).containsExactly("audit plugin.delete plugin:extra.jar io.example.extra 1.0.0 by ada",
                "removed extra.jar");
    }

    private DropinPlugins plugins() {
        PluginInventory inventory = Fakes.of(PluginInventory.class, Map.of(
                "dropinFolder", a -> folder,
                "bundles", a -> List.of(
                        new PluginBundle(1, "io.arus.core.rest", "0.1.0", "active", "file:rest.jar", null, false, List.of(),
                                false, null),
                        new PluginBundle(40, "io.example.extra", "1.0.0", "active", "file:extra.jar", "extra.jar", true,
                                List.of(), false, null))));
        DropinWatcher watcher = Fakes.of(DropinWatcher.class, Map.of("remove", a -> events.add("removed " + a[0])));
        return new DropinPlugins(inventory, watcher, Fakes.audit(events));
    }

    private static byte[] jar(String symbolicName) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.flush();
        }
        return bytes.toByteArray();
    }
}

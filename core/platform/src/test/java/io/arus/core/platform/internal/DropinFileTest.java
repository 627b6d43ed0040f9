package io.arus.core.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropinFileTest {
    @TempDir
    Path dir;

    @Test
    void randomBytesAreNotAJar() throws IOException {
        Path file = dir.resolve("broken.jar");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});

        assertThat(DropinFile.problem(file)).startsWith("not a JAR file");
    }

    @Test
    void jarWithoutSymbolicNameIsNotABundle() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Path file = jar("plain.jar", manifest);

        assertThat(DropinFile.problem(file)).contains("no Bundle-SymbolicName");
    }

    @Test
    void wellFormedBundleHasNoProblem() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.example.plugin");
        Path file = jar("good.jar", manifest);

        assertThat(DropinFile.problem(file)).isNull();
    }

    @Test
    void fileLocationsMapToPathsAndOtherLocationsDoNot() {
        assertThat(FrameworkPluginInventory.fileOf("file:/srv/arus/plugins-dropin/a%20b.jar"))
                .isEqualTo(Path.of("/srv/arus/plugins-dropin/a b.jar"));
        assertThat(FrameworkPluginInventory.fileOf("reference:file:/srv/x.jar")).isEqualTo(Path.of("/srv/x.jar"));
        assertThat(FrameworkPluginInventory.fileOf("System Bundle")).isNull();
        assertThat(FrameworkPluginInventory.fileOf("mvn:io.arus/arus-api/0.1.0")).isNull();
    }

    private Path jar(String name, Manifest manifest) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }
}

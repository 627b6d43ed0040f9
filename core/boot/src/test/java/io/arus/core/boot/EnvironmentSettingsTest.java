package io.arus.core.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSettingsTest {

    @Test
    void defaultsToPort8080AndTheDropinFolderInTheWorkingDirectory() {
        Map<String, String> settings = EnvironmentSettings.settings(Map.of(), false);

        assertThat(settings).containsEntry(EnvironmentSettings.HTTP_PORT, "8080")
                .containsEntry(EnvironmentSettings.DROPIN_DIR, Path.of("plugins-dropin").toAbsolutePath().toString())
                .containsEntry(EnvironmentSettings.DATA_DIR, Path.of("data").toAbsolutePath().toString())
                .doesNotContainKey(EnvironmentSettings.HTTP_HOST);
    }

    @Test
    void environmentOverridesPortHostAndDropinFolder() {
        Map<String, String> settings = EnvironmentSettings.settings(
                Map.of("ARUS_HTTP_PORT", " 9191 ", "ARUS_HTTP_HOST", "127.0.0.1", "ARUS_PLUGINS_DIR", "/srv/arus/plugins",
                        "ARUS_DATA_DIR", "/var/lib/arus"),
                false);

        assertThat(settings).containsEntry(EnvironmentSettings.HTTP_PORT, "9191")
                .containsEntry(EnvironmentSettings.HTTP_HOST, "127.0.0.1")
                .containsEntry(EnvironmentSettings.DROPIN_DIR, "/srv/arus/plugins")
                .containsEntry(EnvironmentSettings.DATA_DIR, "/var/lib/arus");
    }

    @Test
    void theDataDirectoryIsOwnerOnlyWhateverTheUmaskAndAnEarlierMode(@org.junit.jupiter.api.io.TempDir Path temp)
            throws Exception {
        Path fresh = temp.resolve("a/b/data");
        OwnerOnlyDirectory.create(fresh);
        assertThat(java.nio.file.Files.getPosixFilePermissions(fresh)).isEqualTo(OwnerOnlyDirectory.OWNER_ONLY);

        Path earlier = java.nio.file.Files.createDirectories(temp.resolve("old-data"));
        java.nio.file.Files.setPosixFilePermissions(earlier, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        OwnerOnlyDirectory.create(earlier);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(earlier)))
                .isEqualTo("rwx------");
    }

    @Test
    void shellStaysUpSilentlyWithoutTerminalAndIsInteractiveWithOne() {
        assertThat(EnvironmentSettings.settings(Map.of("ARUS_DATA_DIR", "/srv/arus"), false))
                .containsEntry(EnvironmentSettings.GOSH_ARGS, "--nointeractive --noshutdown")
                .containsEntry(EnvironmentSettings.GOSH_HOME, "/srv/arus/shell");
        assertThat(EnvironmentSettings.settings(Map.of(), true)).containsEntry(EnvironmentSettings.GOSH_ARGS, "")
                .doesNotContainKey(EnvironmentSettings.GOSH_HOME);
    }

    @Test
    void rejectsAPortThatIsNotANumberNamingTheVariable() {
        assertThatThrownBy(() -> EnvironmentSettings.settings(Map.of("ARUS_HTTP_PORT", "http"), false))
                .hasMessageContaining("ARUS_HTTP_PORT");
        assertThatThrownBy(() -> EnvironmentSettings.settings(Map.of("ARUS_HTTP_PORT", "70000"), false))
                .hasMessageContaining("ARUS_HTTP_PORT");
    }
}

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
    void shellStaysUpWithoutTerminalAndIsInteractiveWithOne() {
        assertThat(EnvironmentSettings.settings(Map.of(), false)).containsEntry(EnvironmentSettings.GOSH_ARGS, "--noshutdown");
        assertThat(EnvironmentSettings.settings(Map.of(), true)).containsEntry(EnvironmentSettings.GOSH_ARGS, "");
    }

    @Test
    void rejectsAPortThatIsNotANumberNamingTheVariable() {
        assertThatThrownBy(() -> EnvironmentSettings.settings(Map.of("ARUS_HTTP_PORT", "http"), false))
                .hasMessageContaining("ARUS_HTTP_PORT");
        assertThatThrownBy(() -> EnvironmentSettings.settings(Map.of("ARUS_HTTP_PORT", "70000"), false))
                .hasMessageContaining("ARUS_HTTP_PORT");
    }
}

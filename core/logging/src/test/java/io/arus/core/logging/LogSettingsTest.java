package io.arus.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSettingsTest {
    @Test
    void defaultsToInfoTextOnStandardError() {
        LogSettings settings = LogSettings.read(name -> null, Map.of());
        assertThat(settings.level()).isEqualTo(LogLevel.INFO);
        assertThat(settings.json()).isFalse();
        assertThat(settings.file()).isNull();
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void secretiveLoggersStayAtInfoAndStartNoiseAtErrorWhateverTheLevel() {
        LogSettings trace = LogSettings.read(name -> null, Map.of("ARUS_LOG_LEVEL", "trace"));
        assertThat(trace.levelOf("org.postgresql.core.v3.QueryExecutorImpl")).isEqualTo(LogLevel.INFO);
        assertThat(trace.levelOf("org.apache.cxf.endpoint.ServerImpl")).isEqualTo(LogLevel.WARN);
        assertThat(trace.levelOf("org.apache.cxf.transport.servlet.ServletController")).isEqualTo(LogLevel.ERROR);
        assertThat(trace.levelOf("org.jline")).isEqualTo(LogLevel.ERROR);
        assertThat(trace.levelOf("io.arus.core.engine")).isEqualTo(LogLevel.TRACE);
    }

    @Test
    void theEnvironmentSetsLevelFormatAndFileAndAPropertyWinsOverIt() {
        Map<String, String> env = Map.of("ARUS_LOG_LEVEL", "Debug", "ARUS_LOG_FORMAT", "JSON", "ARUS_LOG_FILE", "/tmp/a.log");
        LogSettings settings = LogSettings.read(name -> null, env);
        assertThat(settings.level()).isEqualTo(LogLevel.DEBUG);
        assertThat(settings.json()).isTrue();
        assertThat(settings.file()).isEqualTo(Path.of("/tmp/a.log"));
        LogSettings overridden = LogSettings.read(Map.of(LogSettings.FILE, "/tmp/b.log", LogSettings.FORMAT, "text")::get, env);
        assertThat(overridden.file()).isEqualTo(Path.of("/tmp/b.log"));
        assertThat(overridden.json()).isFalse();
    }

    @Test
    void aBadLevelOrFormatIsNamedAndTheDefaultKept() {
        LogSettings settings = LogSettings.read(name -> null, Map.of("ARUS_LOG_LEVEL", "loud", "ARUS_LOG_FORMAT", "xml"));
        assertThat(settings.level()).isEqualTo(LogLevel.INFO);
        assertThat(settings.json()).isFalse();
        assertThat(settings.problems()).containsExactly(
                "ARUS_LOG_LEVEL must be one of error, warn, info, debug, trace, not 'loud'; logging at info",
                "ARUS_LOG_FORMAT must be text or json, not 'xml'; writing text");
    }

    @Test
    void julLevelsMapBothWays() {
        assertThat(JulHandler.level(java.util.logging.Level.SEVERE)).isEqualTo(LogLevel.ERROR);
        assertThat(JulHandler.level(java.util.logging.Level.WARNING)).isEqualTo(LogLevel.WARN);
        assertThat(JulHandler.level(java.util.logging.Level.CONFIG)).isEqualTo(LogLevel.INFO);
        assertThat(JulHandler.level(java.util.logging.Level.FINE)).isEqualTo(LogLevel.DEBUG);
        assertThat(JulHandler.level(java.util.logging.Level.FINEST)).isEqualTo(LogLevel.TRACE);
        for (LogLevel level : LogLevel.values()) {
            assertThat(JulHandler.level(JulHandler.julLevel(level))).isEqualTo(level == LogLevel.TRACE ? LogLevel.TRACE : level);
        }
    }
}

package io.arus.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LogSettings settings(String level, String format) {
        return LogSettings.read(name -> null, Map.of("ARUS_LOG_LEVEL", level, "ARUS_LOG_FORMAT", format));
    }

    @Test
    void textLinesCarryTimeLevelShortLoggerAndMessageThenTheStackTrace() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogSink sink = new LogSink(settings("info", "text"), out);
        sink.write(LogLevel.INFO, "io.arus.run", "[run 1] run succeeded", null, Map.of("run_id", "1"));
        sink.write(LogLevel.ERROR, "org.apache.felix.scr", "failed", new IllegalStateException("boom"), Map.of());
        sink.write(LogLevel.DEBUG, "io.arus.run", "not at info", null, Map.of());
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO run - \\[run 1] run succeeded");
        assertThat(lines[1]).endsWith(" ERROR scr - failed");
        assertThat(lines[2]).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("not at info");
    }

    @Test
    void jsonLinesEachParseWithTheContextAndTheErrorAndEscapeWhatWouldBreakALine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogSink sink = new LogSink(settings("debug", "json"), out);
        sink.write(LogLevel.INFO, "io.arus.run", "multi\nline \"quoted\" \\ tab\t bell\u0007 lone\ud800 pair\ud83d\ude00",
                null, Map.of("run_id", "r-1", "pipeline_id", "p-1", "message", "not over the message"));
        sink.write(LogLevel.WARN, "org.quartz.core.QuartzScheduler", "  Scheduler class\n  NOT STARTED.\n", null, Map.of());
        sink.write(LogLevel.ERROR, "io.arus.engine", "failed", new IllegalStateException("boom"), Map.of());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("message").asText())
                .isEqualTo("multi\nline \"quoted\" \\ tab\t bell\u0007 lone\ud800 pair\ud83d\ude00");
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("io.arus.run");
        assertThat(first.get("run_id").asText()).isEqualTo("r-1");
        assertThat(first.get("pipeline_id").asText()).isEqualTo("p-1");
        assertThat(first.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(first.get("time").asText()).matches("\\d{4}-.*");
        assertThat(JSON.readTree(lines.get(1)).get("message").asText()).contains("NOT STARTED.");
        JsonNode third = JSON.readTree(lines.get(2));
        assertThat(third.get("error").asText()).startsWith("java.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void secretiveAndChattyLibrariesKeepTheirLevelWhenTheServerLogsAtDebugOrTrace() {
        for (String level : List.of("debug", "TRACE")) {
            LogSink sink = new LogSink(settings(level, "text"), new ByteArrayOutputStream());
            assertThat(sink.enabled("io.arus.run", LogLevel.DEBUG)).isTrue();
            for (String secretive : List.of("org.apache.hc.client5.http.headers", "com.clickhouse.client", "org.mariadb.jdbc",
                    "org.mongodb.driver.protocol.command", "com.zaxxer.hikari.HikariConfig", "org.eclipse.persistence",
                    "org.postgresql.Driver", "jdk.internal.httpclient.debug", "sun.net.www.protocol.http.HttpURLConnection",
                    "javax.net.ssl", "software.amazon.awssdk.auth.signer.Aws4Signer", "org.apache.parquet.io.MessageColumnIO",
                    "org.apache.parquet.io.RecordConsumerLoggingWrapper", "org.apache.hadoop.conf.Configuration")) {
                assertThat(sink.enabled(secretive, LogLevel.DEBUG)).as(secretive).isFalse();
                assertThat(sink.enabled(secretive, LogLevel.INFO)).as(secretive).isTrue();
            }
            assertThat(sink.enabled("org.apache.cxf.jaxrs", LogLevel.INFO)).isFalse();
            assertThat(sink.enabled("org.apache.cxfish", LogLevel.DEBUG)).as("a prefix ends at a dot").isTrue();
        }
    }
}

package io.arus.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineStreamTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final LogSink sink = new LogSink(LogSettings.read(name -> null, Map.of("ARUS_LOG_FORMAT", "json")), written);

    private List<String> messages() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new java.util.ArrayList<>();
        for (String line : written.toString(StandardCharsets.UTF_8).lines().toList()) {
            var node = json.readTree(line);
            assertThat(node.get("logger").asText()).isEqualTo("stderr");
            assertThat(node.get("level").asText()).isEqualTo("WARN");
            messages.add(node.get("message").asText());
        }
        return messages;
    }

    @Test
    void eachPrintedLineIsOneLogLineAndBlankLinesAreDropped() throws Exception {
        PrintStream print = new PrintStream(new LineStream(LogLevel.WARN, "stderr", () -> sink), true, StandardCharsets.UTF_8);
        print.println("WARNING: EventAdmin: Event Task Processing Interrupted.");
        print.print("partial ");
        print.println("line, été\r");
        print.println();
        new IllegalStateException("printed by hand").printStackTrace(print);
        print.close();
        List<String> messages = messages();
        assertThat(messages.subList(0, 3)).containsExactly("WARNING: EventAdmin: Event Task Processing Interrupted.",
                "partial line, été", "java.lang.IllegalStateException: printed by hand");
        assertThat(messages.get(3)).startsWith("\tat io.arus.core.logging.LineStreamTest");
    }

    @Test
    void anEndlessLineIsCutSoNoMoreThanTheLimitIsHeld() throws Exception {
        LineStream stream = new LineStream(LogLevel.WARN, "stderr", () -> sink);
        byte[] chunk = new byte[LineStream.MOST + 10];
        java.util.Arrays.fill(chunk, (byte) 'x');
        stream.write(chunk, 0, chunk.length);
        stream.close();
        assertThat(messages()).extracting(String::length).containsExactly(LineStream.MOST, 10);
    }
}

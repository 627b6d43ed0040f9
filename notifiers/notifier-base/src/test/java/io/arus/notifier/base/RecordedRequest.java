package io.arus.notifier.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request as the {@link RecordingServer} received it.
 *
 * @param method  e.g. {@code POST}
 * @param path    the raw path and query
 * @param headers the headers (names as the server's header map keeps them)
 * @param body    the body bytes exactly as received
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param name a header name, in any case
     * @return its first value, or {@code null} when the request had none
     */
    public String header(String name) {
        return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(header -> header.getValue().get(0)).findFirst().orElse(null);
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the body parsed as JSON (a strict parser: invalid JSON fails the test) */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the body is not JSON: " + text(), e);
        }
    }
}

package io.arus.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.notify.NotificationException;
import io.arus.notifier.base.RecordedRequest;
import io.arus.notifier.base.RecordingServer;
import io.arus.notifier.base.SampleNotifications;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
    private static final String SECRET = "whsec-5f3c9a1b7e2d4c6a";
    private static final String BEARER = "Bearer api-token-0123456789";
    private static final String NAME_BASED_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final WebhookNotifier notifier = new WebhookNotifier();
    private RecordingServer receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = RecordingServer.start();
        receiver.answer(202, "");
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void postsTheWholeNotificationAsJson() throws Exception {
        notifier.send(target(Map.of()), SampleNotifications.failedRun());

        RecordedRequest request = receiver.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/arus?source=ci");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = request.json();
        assertThat(body.get("event_id").asText()).matches(NAME_BASED_UUID);
        assertThat(body.get("event").asText()).isEqualTo("run_failed");
        assertThat(body.get("pipeline_id").asText()).isEqualTo("p-42");
        assertThat(body.get("pipeline_name").asText()).isEqualTo("orders");
        assertThat(body.get("run_id").asText()).isEqualTo("run-7");
        assertThat(body.get("status").asText()).isEqualTo("failed");
        assertThat(body.at("/counts/rows_read").asLong()).isEqualTo(1200);
        assertThat(body.at("/counts/rows_written").asLong()).isEqualTo(1190);
        assertThat(body.at("/counts/rows_rejected").asLong()).isEqualTo(10);
        assertThat(body.get("error").asText()).isEqualTo(SampleNotifications.failedRun().error());
        assertThat(body.get("link").asText()).isEqualTo(SampleNotifications.LINK);
        assertThat(body.get("occurred_at").asText()).isEqualTo("2025-03-14T09:26:53.589Z");
        assertThat(request.header("X-Arus-Event")).isEqualTo("run_failed");
        assertThat(request.header("X-Arus-Event-Id")).isEqualTo(body.get("event_id").asText());
    }

    @Test
    void signsTheExactBodyWithHmacSha256OfTheSecret() throws Exception {
        notifier.send(target(Map.of("secret", SECRET)), SampleNotifications.failedRun());

        RecordedRequest request = receiver.take();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        assertThat(request.header("X-Arus-Signature")).isEqualTo(expected);
    }

    @Test
    void withoutASecretNothingIsSigned() throws Exception {
        notifier.send(target(Map.of()), SampleNotifications.failedRun());

        assertThat(receiver.take().header("X-Arus-Signature")).isNull();
    }

    @Test
    void writesAbsentValuesAsNull() throws Exception {
        notifier.send(target(Map.of()), SampleNotifications.schemaChanged());

        JsonNode body = receiver.take().json();
        assertThat(body.get("event").asText()).isEqualTo("schema_changed");
        for (String absent : List.of("run_id", "status", "error", "link")) {
            assertThat(body.get(absent).isNull()).as(absent).isTrue();
        }
        assertThat(body.get("counts").isEmpty()).isTrue();
    }

    @Test
    void theEventIdStaysTheSameWhenTheSameNotificationIsSentAgain() throws Exception {
        notifier.send(target(Map.of()), SampleNotifications.failedRun());
        notifier.send(target(Map.of()), SampleNotifications.failedRun());
        notifier.send(target(Map.of()), SampleNotifications.succeededRun());

        String first = receiver.take().json().get("event_id").asText();
        String retry = receiver.take().json().get("event_id").asText();
        String other = receiver.take().json().get("event_id").asText();
        assertThat(retry).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void sendsTheExtraHeaders() throws Exception {
        notifier.send(target(Map.of("headers", List.of("Authorization: " + BEARER, "X-Team:data"))),
                SampleNotifications.failedRun());

        RecordedRequest request = receiver.take();
        assertThat(request.header("Authorization")).isEqualTo(BEARER);
        assertThat(request.header("X-Team")).isEqualTo("data");
    }

    @Test
    void aServerErrorIsRetryableAndTheMessageShowsNoSecretNoHeaderAndNoPath() {
        receiver.answer(503, "down; got secret " + SECRET + " and " + BEARER + " at /hooks/arus?source=ci");

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(Map.of("secret", SECRET, "headers", List.of("Authorization: " + BEARER))),
                        SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("Webhook at http://127.0.0.1:").contains("answered HTTP 503")
                .doesNotContain(SECRET).doesNotContain("api-token-0123456789");
    }

    @Test
    void aClientErrorIsPermanent() {
        receiver.answer(401, "bad signature");

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(Map.of()), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).endsWith("answered HTTP 401: bad signature");
    }

    @Test
    void rejectsHeadersThatCannotBeSentNamingTheFieldButNoValue() {
        Map<String, String> problems = Map.of(
                "no colon at all", "entry 1 must look like 'Name: value'",
                "Host: evil.example.com", "entry 1 is not a header that can be sent",
                "Bad Name: x", "entry 1 is not a header that can be sent",
                "X-Arus-Signature: sha256=forged", "header X-Arus-Signature is set by Arus and cannot be replaced",
                "Content-Type: text/plain", "header Content-Type is set by Arus and cannot be replaced");
        problems.forEach((entry, problem) -> {
            NotificationException failure = catchThrowableOfType(NotificationException.class,
                    () -> notifier.send(target(Map.of("headers", List.of(entry))), SampleNotifications.failedRun()));
            assertThat(failure.isRetryable()).as(entry).isFalse();
            assertThat(failure.getMessage()).as(entry).isEqualTo("invalid configuration: headers: " + problem);
        });
        assertThat(receiver.waiting()).isZero();
    }

    @Test
    void aUrlThatIsNotHttpIsRejectedNamingTheField() throws Exception {
        Config config = WebhookNotifier.SPEC.resolve(Map.of("url", "ftp://files.example.com/drop"));

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(config, SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("url: must be an http:// or https:// URL");
    }

    @Test
    void describesItselfWithTheUrlSecretAndHeadersKeptSecret() {
        assertThat(notifier.descriptor().type()).isEqualTo("webhook");
        assertThat(notifier.descriptor().config().fields()).extracting(ConfigField::name)
                .containsExactly("url", "secret", "headers");
        assertThat(notifier.descriptor().config().field("url").orElseThrow().secret()).as("tokens live in query strings")
                .isTrue();
        assertThat(notifier.descriptor().config().field("secret").orElseThrow().secret()).isTrue();
        assertThat(notifier.descriptor().config().field("headers").orElseThrow().secret()).isTrue();
        assertThat(target(Map.of("secret", SECRET)).toString()).doesNotContain(SECRET);
    }

    private Config target(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", receiver.url("/hooks/arus?source=ci").toString());
        values.putAll(overrides);
        try {
            return WebhookNotifier.SPEC.resolve(values);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

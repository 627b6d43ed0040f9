package io.arus.notifier.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.notify.Notification;
import io.arus.api.notify.NotificationException;
import io.arus.notifier.base.RecordedRequest;
import io.arus.notifier.base.RecordingServer;
import io.arus.notifier.base.SampleNotifications;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelegramNotifierTest {
    private static final String TOKEN = "7123456789:AAHsEcReT-tOkEn_0123456789abcdefghijk";
    private static final String SENT = "{\"ok\":true,\"result\":{\"message_id\":42}}";

    private final TelegramNotifier notifier = new TelegramNotifier();
    private RecordingServer telegram;

    @BeforeEach
    void start() throws IOException {
        telegram = RecordingServer.start();
        telegram.answer(200, SENT);
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void postsAnEscapedHtmlMessageToTheBotsSendMessageMethod() throws Exception {
        notifier.send(target(Map.of()), SampleNotifications.failedRun());

        RecordedRequest request = telegram.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = request.json();
        assertThat(body.get("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(body.get("parse_mode").asText()).isEqualTo("HTML");
        assertThat(body.get("disable_web_page_preview").asBoolean()).isTrue();
        assertThat(body.get("text").asText()).isEqualTo("""
                ❌ <b>Pipeline orders failed</b>

                <b>Pipeline:</b> orders (p-42)
                <b>Run:</b> run-7
                <b>Status:</b> failed
                <b>Rows:</b> read 1,200 · written 1,190 · rejected 10
                <b>Occurred at:</b> 2025-03-14T09:26:53Z

                <b>Error:</b>
                <pre>relation "public.orders" does not exist &lt;at&gt; line 1 &amp; col 15
                \tat step 'load'</pre>

                <a href="https://arus.example.com/console/#/runs/run-7">Open the run</a>""");
    }

    @Test
    void aSucceededRunHasNoErrorAndAChannelUsernameIsAccepted() throws Exception {
        notifier.send(target(Map.of("chat_id", "@arus_alerts")), SampleNotifications.succeededRun());

        JsonNode body = telegram.take().json();
        assertThat(body.get("chat_id").asText()).isEqualTo("@arus_alerts");
        assertThat(body.get("text").asText()).startsWith("✅ <b>Pipeline orders succeeded</b>").doesNotContain("Error");
    }

    @Test
    void escapesHtmlInNames() throws Exception {
        Notification notification = new Notification(Notification.Event.RUN_FAILED, "p", "<b>x</b> & y", "r",
                "failed", null, null, null, SampleNotifications.OCCURRED_AT);

        notifier.send(target(Map.of()), notification);

        assertThat(telegram.take().json().get("text").asText())
                .startsWith("❌ <b>Pipeline &lt;b&gt;x&lt;/b&gt; &amp; y failed</b>");
    }

    @Test
    void aWrongTokenIsPermanentAndTheMessageNeverShowsIt() {
        telegram.answer(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(Map.of()), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("Telegram Bot API at http://127.0.0.1:")
                .contains("answered HTTP 401").contains("Unauthorized")
                .doesNotContain(TOKEN).doesNotContain("AAHsEcReT").doesNotContain("/bot");
    }

    @Test
    void anUnknownChatIsPermanentAndSaysSo() {
        telegram.answer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(Map.of()), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("Bad Request: chat not found");
    }

    @Test
    void floodControlIsRetryable() {
        telegram.answer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}", Map.of("Retry-After", "7"));

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(Map.of()), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).contains("answered HTTP 429 (rate limited, retry after 7 s)");
    }

    @Test
    void aServerErrorIsRetryableAndHidesTheToken() {
        telegram.answer(500, "proxy error on /bot" + TOKEN + "/sendMessage");

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(Map.of()), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).doesNotContain(TOKEN).doesNotContain("AAHsEcReT");
    }

    @Test
    void aMalformedTokenFailsPermanentlyNamingTheFieldButNotTheValue() throws Exception {
        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(Map.of("bot_token", "AAHsEcReT withoutbotid")),
                        SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("bot_token: must look like").doesNotContain("AAHsEcReT");
        assertThat(telegram.waiting()).isZero();
    }

    @Test
    void aMalformedChatIdFailsPermanentlyNamingTheField() {
        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(Map.of("chat_id", "my group")), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("chat_id: must be a numeric chat id");
    }

    @Test
    void talksToTheRealBotApiByDefaultAndKeepsTheTokenSecret() throws Exception {
        Config config = TelegramNotifier.SPEC.resolve(Map.of("bot_token", TOKEN, "chat_id", "12345"));

        assertThat(config.string("api_url")).isEqualTo("https://api.telegram.org");
        assertThat(TelegramTarget.from(config).sendMessage().uri().toString())
                .isEqualTo("https://api.telegram.org/bot" + TOKEN + "/sendMessage");
        assertThat(TelegramTarget.from(config).sendMessage().safeName())
                .isEqualTo("Telegram Bot API at https://api.telegram.org");
        assertThat(config.toString()).doesNotContain(TOKEN);
        ConfigField token = notifier.descriptor().config().field("bot_token").orElseThrow();
        assertThat(token.secret()).isTrue();
        assertThat(notifier.descriptor().type()).isEqualTo("telegram");
    }

    private Config target(Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("bot_token", TOKEN);
        values.put("chat_id", "-1001234567890");
        values.put("api_url", telegram.url("/").toString());
        values.putAll(overrides);
        try {
            return TelegramNotifier.SPEC.resolve(values);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

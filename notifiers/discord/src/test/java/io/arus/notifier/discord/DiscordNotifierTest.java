package io.arus.notifier.discord;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordNotifierTest {
    private static final String HOOK_PATH = "/api/webhooks/1234567890123456789/dIsCoRd-ToKeN_abcdefghijklmnop";

    private final DiscordNotifier notifier = new DiscordNotifier();
    private RecordingServer discord;

    @BeforeEach
    void start() throws IOException {
        discord = RecordingServer.start();
        discord.answer(204, ""); // what Discord answers to a webhook post without ?wait=true
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    @Test
    void postsContentAndAnEmbedWithFactsErrorColourAndRunLink() throws Exception {
        notifier.send(target(), SampleNotifications.failedRun());

        RecordedRequest request = discord.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(HOOK_PATH);
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = request.json();
        assertThat(body.get("content").asText()).isEqualTo("Pipeline orders failed");
        assertThat(body.at("/allowed_mentions/parse").isArray()).isTrue();
        assertThat(body.at("/allowed_mentions/parse")).isEmpty();
        JsonNode embed = body.at("/embeds/0");
        assertThat(embed.get("title").asText()).isEqualTo("Pipeline orders failed");
        assertThat(embed.get("url").asText()).isEqualTo(SampleNotifications.LINK);
        assertThat(embed.get("color").asInt()).isEqualTo(0xE01E5A);
        assertThat(embed.get("description").asText()).isEqualTo("```\nrelation \"public.orders\" does not exist "
                + "<at> line 1 & col 15\n\tat step 'load'\n```");
        assertThat(embed.get("timestamp").asText()).isEqualTo("2025-03-14T09:26:53.589Z");
        List<String> fields = new ArrayList<>();
        embed.get("fields").forEach(field -> {
            assertThat(field.get("inline").asBoolean()).isTrue();
            fields.add(field.get("name").asText() + "=" + field.get("value").asText());
        });
        assertThat(fields).containsExactly("Pipeline=orders (p-42)", "Run=run-7", "Status=failed",
                "Rows=read 1,200 · written 1,190 · rejected 10", "Occurred at=2025-03-14T09:26:53Z");
    }

    @Test
    void colourFollowsTheStatus() throws Exception {
        notifier.send(target(), SampleNotifications.succeededRun());
        notifier.send(target(), SampleNotifications.schemaChanged());

        JsonNode succeeded = discord.take().json().at("/embeds/0");
        JsonNode changed = discord.take().json().at("/embeds/0");
        assertThat(succeeded.get("color").asInt()).isEqualTo(0x2EB67D);
        assertThat(succeeded.has("description")).isFalse();
        assertThat(changed.get("color").asInt()).isEqualTo(0xECB22E);
        assertThat(changed.has("url")).isFalse();
    }

    @Test
    void escapesMarkdownInNames() throws Exception {
        Notification notification = new Notification(Notification.Event.RUN_FAILED, "p", "**big** _orders_", "r",
                "failed", null, null, null, SampleNotifications.OCCURRED_AT);

        notifier.send(target(), notification);

        JsonNode body = discord.take().json();
        assertThat(body.get("content").asText()).isEqualTo("Pipeline \\*\\*big\\*\\* \\_orders\\_ failed");
        assertThat(body.at("/embeds/0/fields/0/value").asText()).isEqualTo("\\*\\*big\\*\\* \\_orders\\_ (p)");
    }

    @Test
    void rateLimitingIsRetryableAndTheMessageKeepsTheTokenSecret() {
        discord.answer(429, "{\"message\": \"You are being rate limited.\", \"retry_after\": 1.5, \"global\": false}",
                Map.of("Retry-After", "2"));

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("Discord webhook at http://127.0.0.1:")
                .contains("answered HTTP 429 (rate limited, retry after 2 s)")
                .doesNotContain("dIsCoRd-ToKeN").doesNotContain("1234567890123456789");
    }

    @Test
    void aServerErrorIsRetryable() {
        discord.answer(502, "Bad Gateway");

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).endsWith("answered HTTP 502: Bad Gateway");
    }

    @Test
    void anUnknownWebhookIsPermanent() {
        discord.answer(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}");

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("Unknown Webhook").doesNotContain("dIsCoRd-ToKeN");
    }

    @Test
    void describesItselfWithARequiredSecretWebhookUrl() {
        assertThat(notifier.descriptor().type()).isEqualTo("discord");
        ConfigField url = notifier.descriptor().config().field("webhook_url").orElseThrow();
        assertThat(url.secret()).isTrue();
        assertThat(url.required()).isTrue();
    }

    private Config target() {
        try {
            return DiscordNotifier.SPEC.resolve(Map.of("webhook_url", discord.url(HOOK_PATH).toString()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

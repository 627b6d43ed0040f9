package io.arus.notifier.slack;

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

class SlackNotifierTest {
    private static final String HOOK_PATH = "/services/T0ARUS/B0ARUS/sEcReTtOkEn0123456789";

    private final SlackNotifier notifier = new SlackNotifier();
    private RecordingServer slack;

    @BeforeEach
    void start() throws IOException {
        slack = RecordingServer.start();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void postsHeadlineFactsErrorAndRunButtonToTheWebhook() throws Exception {
        notifier.send(target(), SampleNotifications.failedRun());

        RecordedRequest request = slack.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(HOOK_PATH);
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = request.json();
        assertThat(body.get("text").asText()).isEqualTo("Pipeline orders failed");
        assertThat(body.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo("Pipeline orders failed");
        JsonNode attachment = body.at("/attachments/0");
        assertThat(attachment.get("color").asText()).isEqualTo("#e01e5a");
        assertThat(texts(attachment.at("/blocks/0/fields"))).containsExactly(
                "*Pipeline*\norders (p-42)",
                "*Run*\nrun-7",
                "*Status*\nfailed",
                "*Rows*\nread 1,200 · written 1,190 · rejected 10",
                "*Occurred at*\n2025-03-14T09:26:53Z");
        assertThat(attachment.at("/blocks/1/text/text").asText()).isEqualTo("*Error*\n```relation \"public.orders\" "
                + "does not exist &lt;at&gt; line 1 &amp; col 15\n\tat step 'load'```");
        assertThat(attachment.at("/blocks/2/type").asText()).isEqualTo("actions");
        assertThat(attachment.at("/blocks/2/elements/0/url").asText()).isEqualTo(SampleNotifications.LINK);
    }

    @Test
    void aSucceededRunIsGreenWithoutAnErrorSection() throws Exception {
        notifier.send(target(), SampleNotifications.succeededRun());

        JsonNode attachment = slack.take().json().at("/attachments/0");
        assertThat(attachment.get("color").asText()).isEqualTo("#2eb67d");
        assertThat(attachment.get("blocks")).extracting(block -> block.get("type").asText())
                .containsExactly("section", "actions");
    }

    @Test
    void anEventWithoutLinkHasNoButton() throws Exception {
        notifier.send(target(), SampleNotifications.schemaChanged());

        JsonNode attachment = slack.take().json().at("/attachments/0");
        assertThat(attachment.get("color").asText()).isEqualTo("#ecb22e");
        assertThat(attachment.get("blocks")).hasSize(1);
    }

    @Test
    void escapesMarkupInNames() throws Exception {
        Notification notification = new Notification(Notification.Event.RUN_FAILED, "p", "<!channel> & co", "r",
                "failed", null, null, null, SampleNotifications.OCCURRED_AT);

        notifier.send(target(), notification);

        JsonNode body = slack.take().json();
        assertThat(body.get("text").asText()).isEqualTo("Pipeline &lt;!channel&gt; &amp; co failed");
        assertThat(body.at("/attachments/0/blocks/0/fields/0/text").asText())
                .isEqualTo("*Pipeline*\n&lt;!channel&gt; &amp; co (p)");
    }

    @Test
    void aServerErrorIsRetryableAndTheMessageKeepsTheWebhookSecret() {
        slack.answer(500, "upstream failure for " + HOOK_PATH);

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("Slack webhook at http://127.0.0.1:")
                .contains("answered HTTP 500").doesNotContain("sEcReTtOkEn").doesNotContain("/services/");
    }

    @Test
    void aRejectedPayloadIsPermanent() {
        slack.answer(400, "invalid_blocks");

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(target(), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).endsWith("answered HTTP 400: invalid_blocks");
    }

    @Test
    void aWebhookUrlThatIsNotHttpFailsPermanentlyNamingTheField() throws Exception {
        Config ftp = SlackNotifier.SPEC.resolve(Map.of("webhook_url", "ftp://hooks.slack.com/services/sEcReT"));

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(ftp, SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("webhook_url: must be an http:// or https:// URL")
                .doesNotContain("sEcReT");
        assertThat(slack.waiting()).isZero();
    }

    @Test
    void describesItselfWithARequiredSecretWebhookUrl() {
        assertThat(notifier.descriptor().type()).isEqualTo("slack");
        assertThat(notifier.descriptor().name()).isEqualTo("Slack");
        assertThat(notifier.descriptor().version()).isEqualTo("0.0.0"); // no bundle outside OSGi
        ConfigField url = notifier.descriptor().config().field("webhook_url").orElseThrow();
        assertThat(url.secret()).isTrue();
        assertThat(url.required()).isTrue();
        assertThat(target().toString()).doesNotContain("sEcReT");
    }

    private Config target() {
        try {
            return SlackNotifier.SPEC.resolve(Map.of("webhook_url", slack.url(HOOK_PATH).toString()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> texts(JsonNode fields) {
        List<String> texts = new ArrayList<>();
        fields.forEach(field -> texts.add(field.get("text").asText()));
        return texts;
    }
}

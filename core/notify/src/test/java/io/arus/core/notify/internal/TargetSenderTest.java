package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.notify.Notification;
import io.arus.api.notify.NotificationException;
import io.arus.core.notify.TargetSecrets;
import io.arus.core.store.NotificationTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetSenderTest {
    private static final Notification FAILED = new Notification(Notification.Event.RUN_FAILED, "p-42", "orders",
            "r-7", "failed", Map.of(), "boom", null, Instant.EPOCH);

    private final FakeCatalog catalog = new FakeCatalog();
    private final RecordingNotifier webhook = new RecordingNotifier();
    private final TargetSecrets secrets = new TargetSecrets(new FakeSecretBox());
    private final TargetSender sender = new TargetSender(catalog, secrets);
    private NotificationTarget target;

    @BeforeEach
    void storedTarget() {
        catalog.notifiers.put("webhook", webhook);
        target = new NotificationTarget("t-1", "ops", "webhook", secrets.encrypt(TargetSecretsTest.WEBHOOK, Map.of(
                "url", "https://hooks.example.com/in", "secret", "s3cr3t-signing-key",
                "headers", List.of("Authorization: Bearer tok-123456"))), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void theNotifierGetsTheTargetDecrypted() throws NotificationException {
        sender.send(target, FAILED);

        assertThat(webhook.sent).containsExactly(FAILED);
        assertThat(webhook.configs.get(0)).containsEntry("secret", "s3cr3t-signing-key")
                .containsEntry("headers", List.of("Authorization: Bearer tok-123456"));
    }

    @Test
    void aMissingNotifierTypeIsRetryable() {
        catalog.notifiers.clear();

        assertThatThrownBy(() -> sender.send(target, FAILED)).isInstanceOf(NotificationException.class)
                .hasMessage("notifier type 'webhook' is not installed")
                .matches(e -> ((NotificationException) e).isRetryable());
    }

    @Test
    void aNotifiersFailureKeepsItsRetryabilityAndLosesSecretsAndCause() {
        webhook.failures.add(new NotificationException("signing with s3cr3t-signing-key refused", true,
                new RuntimeException("tok-123456")));

        assertThatThrownBy(() -> sender.send(target, FAILED)).isInstanceOf(NotificationException.class)
                .hasMessage("signing with ****** refused").hasNoCause()
                .matches(e -> ((NotificationException) e).isRetryable());
    }

    @Test
    void aNotifierThrowingSomethingElseIsAPermanentFailure() {
        webhook.runtimeFailures.add(new IllegalStateException("Bearer tok-123456 malformed"));

        assertThatThrownBy(() -> sender.send(target, FAILED)).isInstanceOf(NotificationException.class)
                .hasMessage("the notifier failed: IllegalStateException: Bearer ****** malformed")
                .matches(e -> !((NotificationException) e).isRetryable());
    }

    @Test
    void secretsMadeWithAnotherKeyArePermanentFailures() {
        NotificationTarget foreign = new NotificationTarget("t-2", "old", "webhook",
                Map.of("url", "https://x.example.com", "secret", "enc:v1:%%%"), Instant.EPOCH, Instant.EPOCH);

        assertThatThrownBy(() -> sender.send(foreign, FAILED)).isInstanceOf(NotificationException.class)
                .hasMessageContaining("cannot be decrypted").matches(e -> !((NotificationException) e).isRetryable());
    }
}

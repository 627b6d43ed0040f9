package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.notify.Notification;
import io.arus.api.notify.NotificationException;
import io.arus.core.notify.TargetSecrets;
import io.arus.core.notify.TestOutcome;
import io.arus.core.store.NotificationTarget;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestSenderTest {
    private static final Instant NOW = Instant.parse("2025-03-14T09:00:00Z");

    private final FakeCatalog catalog = new FakeCatalog();
    private final RecordingNotifier webhook = new RecordingNotifier();
    private final TargetSecrets secrets = new TargetSecrets(new FakeSecretBox());
    private final TestSender tests = new TestSender(new TargetSender(catalog, secrets),
            new ConsoleLinks(new MemorySettings(), "https://arus.example.com"), Clock.fixed(NOW, ZoneOffset.UTC));
    private final NotificationTarget target = new NotificationTarget("t-1", "ops", "webhook",
            secrets.encrypt(TargetSecretsTest.WEBHOOK, Map.of("url", "https://hooks.example.com/in",
                    "secret", "s3cr3t-signing-key")), NOW, NOW);

    @Test
    void aTestIsASucceededRunOfTheTestPipelineLinkingToTheConsole() {
        catalog.notifiers.put("webhook", webhook);

        assertThat(tests.send(target)).isEqualTo(TestOutcome.delivered());

        Notification sent = webhook.sent.get(0);
        assertThat(sent.event()).isEqualTo(Notification.Event.RUN_SUCCEEDED);
        assertThat(sent.pipelineName()).isEqualTo(TestSender.PIPELINE_NAME);
        assertThat(sent.runId()).isNull();
        assertThat(sent.link()).isEqualTo("https://arus.example.com/");
        assertThat(sent.occurredAt()).isEqualTo(NOW);
        assertThat(sent.counts()).containsExactly(Map.entry("rows_read", 0L), Map.entry("rows_written", 0L),
                Map.entry("rows_rejected", 0L));
    }

    @Test
    void aFailedTestSaysWhyOnceWithoutSecrets() {
        catalog.notifiers.put("webhook", webhook);
        webhook.failures.add(new NotificationException("refused s3cr3t-signing-key", true, null));

        assertThat(tests.send(target)).isEqualTo(TestOutcome.failed("refused ******"));
        assertThat(webhook.configs).as("a test is not retried").hasSize(1);
    }

    @Test
    void aTargetWhoseNotifierIsGoneFailsItsTest() {
        assertThat(tests.send(target).error()).isEqualTo("notifier type 'webhook' is not installed");
    }
}

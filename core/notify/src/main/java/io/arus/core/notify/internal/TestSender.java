package io.arus.core.notify.internal;

import io.arus.api.notify.Notification;
import io.arus.api.notify.NotificationException;
import io.arus.core.notify.TargetSecrets;
import io.arus.core.notify.TestNotifications;
import io.arus.core.notify.TestOutcome;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.SecretBox;
import io.arus.core.store.NotificationTarget;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test notifications: a succeeded run of a pipeline called {@value #PIPELINE_NAME}, with zero rows and a link to
 * the console, sent once.
 */
@Component(service = TestNotifications.class)
public final class TestSender implements TestNotifications {
    static final String PIPELINE_ID = "test";
    static final String PIPELINE_NAME = "test-notification";
    private static final Logger LOG = LoggerFactory.getLogger(TestSender.class);

    private final TargetSender sender;
    private final ConsoleLinks links;
    private final Clock clock;

    @Activate
    public TestSender(@Reference PluginCatalog catalog, @Reference SecretBox box, @Reference ConsoleLinks links) {
        this(new TargetSender(catalog, new TargetSecrets(box)), links, Clock.systemUTC());
    }

    TestSender(TargetSender sender, ConsoleLinks links, Clock clock) {
        this.sender = sender;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public TestOutcome send(NotificationTarget target) {
        String base = links.base();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("rows_read", 0L);
        counts.put("rows_written", 0L);
        counts.put("rows_rejected", 0L);
        Notification test = new Notification(Notification.Event.RUN_SUCCEEDED, PIPELINE_ID, PIPELINE_NAME, null,
                "succeeded", counts, null,
                base == null ? null : base + "/", clock.instant());
        try {
            sender.send(target, test);
            LOG.info("test notification to target '{}' ({}) delivered", target.name(), target.type());
            return TestOutcome.delivered();
        } catch (NotificationException e) {
            LOG.info("test notification to target '{}' ({}) failed: {}", target.name(), target.type(), e.getMessage());
            return TestOutcome.failed(e.getMessage());
        }
    }
}

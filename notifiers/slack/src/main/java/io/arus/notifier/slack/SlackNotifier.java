package io.arus.notifier.slack;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.api.notify.Notification;
import io.arus.api.notify.NotificationException;
import io.arus.api.notify.Notifier;
import io.arus.api.notify.NotifierType;
import io.arus.notifier.base.DescribedNotifier;
import io.arus.notifier.base.HttpDelivery;
import io.arus.notifier.base.HttpEndpoint;
import io.arus.notifier.base.RunSummary;
import org.osgi.service.component.annotations.Component;

/** Posts run notifications to a Slack channel through an incoming webhook. */
@Component(service = Notifier.class)
@NotifierType(SlackNotifier.TYPE)
public final class SlackNotifier extends DescribedNotifier {
    static final String TYPE = "slack";
    static final String WEBHOOK_URL = "webhook_url";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder(WEBHOOK_URL, FieldType.URL).label("Webhook URL").required().secret()
                    .help("The channel's incoming webhook, https://hooks.slack.com/services/... "
                            + "It is a credential: anyone who has it can post to the channel.").build());

    private final HttpDelivery delivery = new HttpDelivery();

    /** The notifier as the framework creates it. */
    public SlackNotifier() {
        super(TYPE, "Slack", "Posts run notifications to a Slack channel through an incoming webhook.", "slack", SPEC);
    }

    @Override
    public void send(Config target, Notification notification) throws NotificationException {
        HttpEndpoint webhook = HttpEndpoint.secretUrl("Slack webhook", target, WEBHOOK_URL);
        delivery.postJson(webhook, SlackMessage.of(RunSummary.of(notification)).toString());
    }
}

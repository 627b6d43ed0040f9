package io.arus.notifier.discord;

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

/** Posts run notifications to a Discord channel through a webhook, as an embed coloured by status. */
@Component(service = Notifier.class)
@NotifierType(DiscordNotifier.TYPE)
public final class DiscordNotifier extends DescribedNotifier {
    static final String TYPE = "discord";
    static final String WEBHOOK_URL = "webhook_url";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder(WEBHOOK_URL, FieldType.URL).label("Webhook URL").required().secret()
                    .help("The channel's webhook, https://discord.com/api/webhooks/{id}/{token} "
                            + "(Server settings > Integrations > Webhooks). It holds the token: keep it secret.")
                    .build());

    private final HttpDelivery delivery = new HttpDelivery();

    /** The notifier as the framework creates it. */
    public DiscordNotifier() {
        super(TYPE, "Discord", "Posts run notifications to a Discord channel through a webhook.", "discord", SPEC);
    }

    @Override
    public void send(Config target, Notification notification) throws NotificationException {
        HttpEndpoint webhook = HttpEndpoint.secretUrl("Discord webhook", target, WEBHOOK_URL);
        delivery.postJson(webhook, DiscordMessage.of(RunSummary.of(notification)).toString());
    }
}

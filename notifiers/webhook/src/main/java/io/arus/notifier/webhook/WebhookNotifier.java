package io.arus.notifier.webhook;

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
import io.arus.notifier.base.TargetReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Posts every notification as a JSON document to any HTTP endpoint. With a secret, the header
 * {@code X-Arus-Signature: sha256=<hex>} carries the HMAC-SHA256 of the exact body, so the receiver can check the
 * post came from this server.
 */
@Component(service = Notifier.class)
@NotifierType(WebhookNotifier.TYPE)
public final class WebhookNotifier extends DescribedNotifier {
    static final String TYPE = "webhook";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder(WebhookTarget.URL, FieldType.URL).label("URL").required().secret()
                    .help("Where to POST the JSON document, http:// or https://. Kept secret, since tokens often "
                            + "live in its query string; messages about failed deliveries show only its scheme, "
                            + "host and port.").build(),
            ConfigField.builder(WebhookTarget.SECRET, FieldType.SECRET).label("Signing secret")
                    .help("When set, every post carries X-Arus-Signature: sha256=<hex HMAC-SHA256 of the body "
                            + "with this secret>.").build(),
            ConfigField.builder(WebhookTarget.HEADERS, FieldType.LIST).label("Extra headers").secret()
                    .help("One 'Name: value' per entry, e.g. 'Authorization: Bearer ...'. "
                            + "Kept secret, since headers usually carry credentials.").build());

    private final HttpDelivery delivery = new HttpDelivery();

    /** The notifier as the framework creates it. */
    public WebhookNotifier() {
        super(TYPE, "Webhook", "Posts every notification as signed JSON to any HTTP endpoint.", "webhook", SPEC);
    }

    @Override
    public void send(Config target, Notification notification) throws NotificationException {
        WebhookTarget webhook = TargetReader.read(target, WebhookTarget::from);
        WebhookEvent event = WebhookEvent.of(notification);
        byte[] body = event.json().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
        headers.put("X-Arus-Event", notification.event().id());
        headers.put("X-Arus-Event-Id", event.id());
        webhook.signature().ifPresent(signature -> headers.put(WebhookSignature.HEADER, signature.of(body)));
        delivery.postJson(webhook.endpoint(), body, headers);
    }
}

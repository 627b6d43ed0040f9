package io.arus.notifier.telegram;

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
import io.arus.notifier.base.JsonObject;
import io.arus.notifier.base.RunSummary;
import io.arus.notifier.base.TargetReader;
import org.osgi.service.component.annotations.Component;

/** Sends run notifications to a Telegram chat, group or channel through a bot. */
@Component(service = Notifier.class)
@NotifierType(TelegramNotifier.TYPE)
public final class TelegramNotifier extends DescribedNotifier {
    static final String TYPE = "telegram";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder(TelegramTarget.BOT_TOKEN, FieldType.SECRET).label("Bot token").required()
                    .help("The token @BotFather gave the bot, 123456789:AA...").build(),
            ConfigField.builder(TelegramTarget.CHAT_ID, FieldType.STRING).label("Chat id").required()
                    .help("The chat's numeric id (groups and channels start with -100), or @username of a public "
                            + "channel. The bot must be a member of the chat.").build(),
            ConfigField.builder(TelegramTarget.API_URL, FieldType.URL).label("Bot API URL")
                    .defaultValue(TelegramTarget.DEFAULT_API_URL)
                    .help("Change only for a self-hosted Bot API server.").build());

    private final HttpDelivery delivery = new HttpDelivery();

    /** The notifier as the framework creates it. */
    public TelegramNotifier() {
        super(TYPE, "Telegram", "Sends run notifications to a Telegram chat through a bot.", "telegram", SPEC);
    }

    @Override
    public void send(Config target, Notification notification) throws NotificationException {
        TelegramTarget chat = TargetReader.read(target, TelegramTarget::from);
        JsonObject message = new JsonObject()
                .put("chat_id", chat.chatId())
                .put("text", TelegramText.of(RunSummary.of(notification)))
                .put("parse_mode", "HTML")
                .put("disable_web_page_preview", true);
        delivery.postJson(chat.sendMessage(), message.toString());
    }
}

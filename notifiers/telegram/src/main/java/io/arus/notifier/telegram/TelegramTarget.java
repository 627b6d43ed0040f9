package io.arus.notifier.telegram;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.notifier.base.HttpEndpoint;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * A checked Telegram target: the bot's {@code sendMessage} endpoint, whose path holds the token, and the chat.
 *
 * @param sendMessage the Bot API method to post to
 * @param chatId      a numeric chat id or a channel's {@code @username}
 */
record TelegramTarget(HttpEndpoint sendMessage, String chatId) {
    static final String BOT_TOKEN = "bot_token";
    static final String CHAT_ID = "chat_id";
    static final String API_URL = "api_url";
    static final String DEFAULT_API_URL = "https://api.telegram.org";

    private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");
    private static final Pattern CHAT = Pattern.compile("-?\\d+|@[A-Za-z][A-Za-z0-9_]{3,}");

    static TelegramTarget from(Config config) throws ConfigException {
        String token = config.string(BOT_TOKEN, "").strip();
        if (!TOKEN.matcher(token).matches()) {
            // never echo the value: it may be a real token pasted with a typo
            throw new ConfigException(BOT_TOKEN, "must look like 123456789:AA... (the token @BotFather gave)");
        }
        String chatId = config.string(CHAT_ID, "").strip();
        if (!CHAT.matcher(chatId).matches()) {
            throw new ConfigException(CHAT_ID, "must be a numeric chat id, such as -1001234567890, or a public "
                    + "channel's @username");
        }
        String api = HttpEndpoint.httpUrl(config, API_URL).toString().replaceAll("/+$", "");
        URI sendMessage = URI.create(api + "/bot" + token + "/sendMessage");
        return new TelegramTarget(HttpEndpoint.secretUrl("Telegram Bot API", sendMessage, token), chatId);
    }
}

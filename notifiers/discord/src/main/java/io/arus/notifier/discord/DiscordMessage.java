package io.arus.notifier.discord;

import io.arus.notifier.base.JsonObject;
import io.arus.notifier.base.RunSummary;
import io.arus.notifier.base.RunSummary.Fact;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON a Discord webhook takes: the headline as {@code content}, and one embed with the headline as title
 * (linking to the run), the error as description, the facts as inline fields and a colour by severity. Mentions
 * are switched off, so that a pipeline named {@code @everyone} pings no one.
 */
final class DiscordMessage {
    /** Discord's limits: content, embed title, description, field value. */
    private static final int CONTENT_LENGTH = 2000;
    private static final int TITLE_LENGTH = 256;
    private static final int DESCRIPTION_LENGTH = 4096;
    private static final int FIELD_LENGTH = 1024;

    private static final Pattern MARKDOWN = Pattern.compile("[\\\\*_~`|>\\[\\]#]");

    private DiscordMessage() {
    }

    static JsonObject of(RunSummary summary) {
        List<Object> fields = new ArrayList<>();
        for (Fact fact : summary.facts()) {
            fields.add(new JsonObject().put("name", fact.label())
                    .put("value", RunSummary.clip(escape(fact.value()), FIELD_LENGTH)).put("inline", true));
        }
        JsonObject embed = new JsonObject()
                .put("title", RunSummary.clip(summary.headline(), TITLE_LENGTH))
                .putIfPresent("description", summary.error().map(DiscordMessage::codeBlock).orElse(null))
                .putIfPresent("url", summary.link().orElse(null))
                .put("color", summary.severity().rgb())
                .put("fields", fields)
                .put("timestamp", summary.notification().occurredAt().toString());
        return new JsonObject()
                .put("content", RunSummary.clip(escape(summary.headline()), CONTENT_LENGTH))
                .put("embeds", List.of(embed))
                .put("allowed_mentions", new JsonObject().put("parse", List.of()));
    }

    private static String codeBlock(String error) {
        // nothing is escaped inside a code block; only a "```" would end it early
        return "```\n" + RunSummary.clip(error.replace("```", "'''"), DESCRIPTION_LENGTH - 8) + "\n```";
    }

    /** Discord markdown: a backslash before a markup character shows it as it is. */
    static String escape(String text) {
        return MARKDOWN.matcher(text).replaceAll("\\\\$0");
    }
}

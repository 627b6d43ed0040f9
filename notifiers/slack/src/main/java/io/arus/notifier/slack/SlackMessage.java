package io.arus.notifier.slack;

import io.arus.notifier.base.HtmlText;
import io.arus.notifier.base.JsonObject;
import io.arus.notifier.base.RunSummary;
import io.arus.notifier.base.RunSummary.Fact;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON an incoming webhook takes: {@code text} for the notification pop-up, a header block, and an attachment
 * coloured by severity whose blocks hold the facts, the error and a button to the run.
 */
final class SlackMessage {
    /** Slack's limits: header text, section text, and a section field's text. */
    private static final int HEADER_LENGTH = 150;
    private static final int SECTION_LENGTH = 3000;
    private static final int FIELD_LENGTH = 2000;

    private SlackMessage() {
    }

    static JsonObject of(RunSummary summary) {
        List<Object> blocks = new ArrayList<>();
        List<Object> fields = new ArrayList<>();
        for (Fact fact : summary.facts()) {
            String text = "*" + fact.label() + "*\n" + HtmlText.escape(fact.value());
            fields.add(mrkdwn(RunSummary.clip(text, FIELD_LENGTH)));
        }
        blocks.add(new JsonObject().put("type", "section").put("fields", fields));
        summary.error().ifPresent(error -> blocks.add(new JsonObject().put("type", "section")
                .put("text", mrkdwn("*Error*\n" + codeBlock(error)))));
        summary.link().ifPresent(link -> blocks.add(new JsonObject().put("type", "actions").put("elements", List.of(
                new JsonObject().put("type", "button").put("text", plainText("Open the run")).put("url", link)))));

        JsonObject attachment = new JsonObject().put("color", summary.severity().color()).put("blocks", blocks);
        return new JsonObject()
                .put("text", HtmlText.escape(summary.headline()))
                .put("blocks", List.of(new JsonObject().put("type", "header")
                        .put("text", plainText(RunSummary.clip(summary.headline(), HEADER_LENGTH)))))
                .put("attachments", List.of(attachment));
    }

    /** Slack's mrkdwn reads {@code &}, {@code <} and {@code >} as markup (links, mentions), as HTML does. */
    private static String codeBlock(String text) {
        // "```" inside would end the block early; leave room for the label and the fences
        String body = HtmlText.escape(text).replace("```", "'''");
        return "```" + RunSummary.clip(body, SECTION_LENGTH - 20) + "```";
    }

    private static JsonObject mrkdwn(String text) {
        return new JsonObject().put("type", "mrkdwn").put("text", text);
    }

    private static JsonObject plainText(String text) {
        return new JsonObject().put("type", "plain_text").put("text", text).put("emoji", true);
    }
}

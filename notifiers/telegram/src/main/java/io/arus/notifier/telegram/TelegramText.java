package io.arus.notifier.telegram;

import io.arus.notifier.base.HtmlText;
import io.arus.notifier.base.RunSummary;
import io.arus.notifier.base.RunSummary.Fact;

/**
 * The message text in Telegram's HTML parse mode: a bold headline with a severity emoji, the facts, the error as
 * preformatted text and a link to the run. HTML mode needs only {@code &}, {@code <} and {@code >} escaped, which
 * is why it is used rather than MarkdownV2, where eighteen characters must be.
 */
final class TelegramText {
    /** Telegram takes 4096 characters after parsing; the error gets what the rest leaves, with room to spare. */
    private static final int ERROR_LENGTH = 3000;

    private TelegramText() {
    }

    static String of(RunSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append(emoji(summary)).append(" <b>").append(HtmlText.escape(summary.headline())).append("</b>\n\n");
        for (Fact fact : summary.facts()) {
            text.append("<b>").append(HtmlText.escape(fact.label())).append(":</b> ")
                    .append(HtmlText.escape(fact.value())).append('\n');
        }
        summary.error().ifPresent(error -> text.append("\n<b>Error:</b>\n<pre>")
                .append(HtmlText.escape(RunSummary.clip(error, ERROR_LENGTH))).append("</pre>\n"));
        summary.link().ifPresent(link -> text.append("\n<a href=\"").append(HtmlText.escapeAttribute(link))
                .append("\">Open the run</a>\n"));
        return text.toString().strip();
    }

    private static String emoji(RunSummary summary) {
        return switch (summary.severity()) {
            case SUCCESS -> "✅";
            case WARNING -> "⚠️";
            case FAILURE -> "❌";
        };
    }
}

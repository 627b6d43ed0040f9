package io.arus.notifier.base;

/**
 * Escapes text for HTML, and for markups that borrowed its three entities (Slack's mrkdwn, Telegram's HTML mode).
 */
public final class HtmlText {
    private HtmlText() {
    }

    /**
     * @param text any text
     * @return the text with {@code &}, {@code <} and {@code >} as entities: safe between tags
     */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * @param text any text
     * @return the text escaped as by {@link #escape(String)} and with {@code "} as {@code &quot;}: safe in a
     *         double-quoted attribute
     */
    public static String escapeAttribute(String text) {
        return escape(text).replace("\"", "&quot;");
    }
}

package io.arus.transform.expression.internal;

import java.util.Locale;

/**
 * The {@code str:} functions. A null text gives null. Positions are 1-based, as in SQL. Every result is held to
 * the evaluation's text limit.
 */
public final class StringFunctions {
    private final EvaluationBudget budget;

    /** @param budget the limits results are held to */
    public StringFunctions(EvaluationBudget budget) {
        this.budget = budget;
    }

    /** @param s a text @return it in upper case */
    public String upper(Object s) {
        String text = Texts.of(s);
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    /** @param s a text @return it in lower case */
    public String lower(Object s) {
        String text = Texts.of(s);
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /** @param s a text @return it without leading and trailing white space */
    public String trim(Object s) {
        String text = Texts.of(s);
        return text == null ? null : text.strip();
    }

    /** @param s a text @return its length in characters */
    public Integer length(Object s) {
        String text = Texts.of(s);
        return text == null ? null : text.length();
    }

    /**
     * @param s     a text
     * @param start the 1-based position of the first character
     * @return the text from there to its end
     */
    public String substring(Object s, Number start) {
        return substring(s, start, Integer.MAX_VALUE);
    }

    /**
     * @param s      a text
     * @param start  the 1-based position of the first character
     * @param length how many characters at most
     * @return the part of the text
     */
    public String substring(Object s, Number start, Number length) {
        String text = Texts.of(s);
        if (text == null) {
            return null;
        }
        long from = Math.max(1, start.longValue()) - 1;
        long to = Math.min(text.length(), from + Math.max(0, length.longValue()));
        return from >= text.length() ? "" : text.substring((int) from, (int) Math.max(from, to));
    }

    /**
     * @param s           a text
     * @param target      the exact text to replace (not a regular expression)
     * @param replacement what to put instead
     * @return the text with every occurrence replaced
     */
    public String replace(Object s, Object target, Object replacement) {
        String text = Texts.of(s);
        String what = Texts.of(target);
        if (text == null || what == null || what.isEmpty()) {
            return text;
        }
        String with = replacement == null ? "" : Texts.of(replacement);
        long occurrences = (text.length() - text.replace(what, "").length()) / what.length();
        budget.checkLength(text.length() + occurrences * (with.length() - what.length()));
        return text.replace(what, with);
    }

    /** @param s a text @param prefix the start @return whether the text starts with it (null when s is null) */
    public Boolean starts_with(Object s, Object prefix) {
        String text = Texts.of(s);
        return text == null ? null : text.startsWith(Texts.of(prefix));
    }

    /** @param s a text @param suffix the end @return whether the text ends with it (null when s is null) */
    public Boolean ends_with(Object s, Object suffix) {
        String text = Texts.of(s);
        return text == null ? null : text.endsWith(Texts.of(suffix));
    }

    /** @param s a text @param part a text to look for @return whether s holds it (null when s is null) */
    public Boolean contains(Object s, Object part) {
        String text = Texts.of(s);
        return text == null ? null : text.contains(Texts.of(part));
    }

    /** @param parts values to join; nulls are left out @return the texts joined */
    public String concat(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
            String text = Texts.of(part);
            if (text != null) {
                budget.checkLength((long) joined.length() + text.length());
                joined.append(text);
            }
        }
        return joined.toString();
    }

    /** @param s a text @param length the length wanted @return s padded on the left with spaces */
    public String lpad(Object s, Number length) {
        return pad(s, length, " ", true);
    }

    /** @param s a text @param length the length wanted @param fill the padding @return s padded on the left */
    public String lpad(Object s, Number length, Object fill) {
        return pad(s, length, Texts.of(fill), true);
    }

    /** @param s a text @param length the length wanted @return s padded on the right with spaces */
    public String rpad(Object s, Number length) {
        return pad(s, length, " ", false);
    }

    /** @param s a text @param length the length wanted @param fill the padding @return s padded on the right */
    public String rpad(Object s, Number length, Object fill) {
        return pad(s, length, Texts.of(fill), false);
    }

    private String pad(Object s, Number length, String fill, boolean left) {
        String text = Texts.of(s);
        if (text == null) {
            return null;
        }
        long wanted = length.longValue();
        budget.checkLength(wanted);
        if (wanted <= text.length()) {
            return text.substring(0, (int) Math.max(0, wanted));
        }
        if (fill == null || fill.isEmpty()) {
            throw new IllegalArgumentException("the padding is empty");
        }
        StringBuilder padding = new StringBuilder((int) wanted);
        while (padding.length() < wanted - text.length()) {
            padding.append(fill);
        }
        padding.setLength((int) (wanted - text.length()));
        return left ? padding + text : text + padding;
    }
}

package io.arus.transform.expression.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code re:} functions (Java regular expressions). Matching reads the text through {@link BoundedText}, so a
 * pattern that backtracks without end is stopped at the evaluation's time limit. A null text gives null.
 */
public final class RegexFunctions {
    private static final int MAX_PATTERNS = 64;

    private final EvaluationBudget budget;
    private final Map<String, Pattern> patterns = new HashMap<>();

    /** @param budget the limits matching is held to */
    public RegexFunctions(EvaluationBudget budget) {
        this.budget = budget;
    }

    /** @param s a text @param regex a pattern @return whether the pattern occurs in the text (anchor with ^ and $) */
    public Boolean matches(Object s, String regex) {
        String text = Texts.of(s);
        return text == null ? null : matcher(text, regex).find();
    }

    /**
     * @param s     a text
     * @param regex a pattern
     * @return the first match's group 1 when the pattern has a group, else the whole match; null when none
     */
    public String extract(Object s, String regex) {
        String text = Texts.of(s);
        if (text == null) {
            return null;
        }
        Matcher matcher = matcher(text, regex);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(matcher.groupCount() > 0 ? 1 : 0);
    }

    /**
     * @param s           a text
     * @param regex       a pattern
     * @param replacement what to put instead ({@code $1} names a group)
     * @return the text with every match replaced
     */
    public String replace(Object s, String regex, String replacement) {
        String text = Texts.of(s);
        if (text == null) {
            return null;
        }
        Matcher matcher = matcher(text, regex);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, replacement);
            budget.checkLength(out.length());
        }
        matcher.appendTail(out);
        budget.checkLength(out.length());
        return out.toString();
    }

    /**
     * Compiles a pattern (cached) and matches it on the text through the deadline check; also the {@code =~}
     * operator's path.
     *
     * @param text  the text
     * @param regex the pattern
     * @return a matcher bound to the evaluation's deadline
     */
    Matcher matcher(String text, String regex) {
        Pattern pattern = patterns.get(regex);
        if (pattern == null) {
            pattern = Pattern.compile(regex);
            if (patterns.size() < MAX_PATTERNS) {
                patterns.put(regex, pattern);
            }
        }
        return pattern.matcher(new BoundedText(text, budget));
    }
}

package io.arus.notifier.base;

import io.arus.api.notify.Notification;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The facts of a notification as readable, unformatted text: a headline, labelled facts (pipeline, run, status,
 * row counts, time), the error and the link to the run. Every channel shows the same facts in its own markup, and
 * escapes them itself: nothing here is escaped.
 */
public final class RunSummary {
    /** Where a channel must not show the error in full, it cuts it here and says so. */
    private static final String CLIPPED = " …";

    private final Notification notification;

    private RunSummary(Notification notification) {
        this.notification = notification;
    }

    /**
     * @param notification the event to describe
     * @return its summary
     */
    public static RunSummary of(Notification notification) {
        return new RunSummary(notification);
    }

    /**
     * One labelled fact, shown as {@code label: value}.
     *
     * @param label what it is, e.g. {@code "Run"}
     * @param value its value, e.g. {@code "r-42"}
     */
    public record Fact(String label, String value) {
    }

    /** @return the notification described */
    public Notification notification() {
        return notification;
    }

    /** @return how good or bad the news is */
    public Severity severity() {
        return Severity.of(notification);
    }

    /** @return e.g. {@code "Pipeline orders failed"} */
    public String headline() {
        return "Pipeline " + notification.pipelineName() + " " + outcome();
    }

    /** @return an e-mail subject, e.g. {@code "[Arus] pipeline orders failed"} */
    public String subject() {
        return "[Arus] pipeline " + notification.pipelineName() + " " + outcome();
    }

    /** @return what happened to the pipeline, as the end of a sentence: {@code "failed"}, {@code "recovered"}... */
    public String outcome() {
        return switch (notification.event()) {
            case RUN_FAILED -> "failed";
            case RUN_SUCCEEDED -> "succeeded";
            case RUN_SUCCEEDED_WITH_WARNINGS -> "succeeded with warnings";
            case QUALITY_CHECK_FAILED -> "failed a quality check";
            case SCHEMA_CHANGED -> "saw a source schema change";
            case CDC_LAG -> "fell behind its change log";
            case RECOVERED -> "recovered";
        };
    }

    /** @return pipeline, run, status, rows and time, in that order; absent facts are left out */
    public List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        String pipeline = notification.pipelineName();
        if (!pipeline.equals(notification.pipelineId())) {
            pipeline += " (" + notification.pipelineId() + ")";
        }
        facts.add(new Fact("Pipeline", pipeline));
        if (notification.runId() != null) {
            facts.add(new Fact("Run", notification.runId()));
        }
        if (notification.status() != null) {
            facts.add(new Fact("Status", notification.status()));
        }
        if (!notification.counts().isEmpty()) {
            facts.add(new Fact("Rows", counts()));
        }
        facts.add(new Fact("Occurred at",
                DateTimeFormatter.ISO_INSTANT.format(notification.occurredAt().truncatedTo(ChronoUnit.SECONDS))));
        return facts;
    }

    /** @return the counters, e.g. {@code "read 1,000 · written 990 · rejected 10"}; empty when there are none */
    public String counts() {
        StringJoiner text = new StringJoiner(" · ");
        for (Map.Entry<String, Long> count : notification.counts().entrySet()) {
            String name = count.getKey().startsWith("rows_") ? count.getKey().substring(5) : count.getKey();
            text.add(name.replace('_', ' ') + " " + String.format(Locale.ROOT, "%,d", count.getValue()));
        }
        return text.toString();
    }

    /** @return the error message, when there is one */
    public Optional<String> error() {
        String error = notification.error();
        return error == null || error.isBlank() ? Optional.empty() : Optional.of(error.strip());
    }

    /**
     * The link to the run in the console, only when it is an absolute http(s) URL: channels reject a message
     * whose link is malformed, and a notification must not be lost because of its link.
     *
     * @return the link, when there is a usable one
     */
    public Optional<String> link() {
        String link = notification.link();
        if (link == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(link);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? Optional.of(link) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** @return headline, facts, error and link as plain text lines, for e-mail and other unformatted channels */
    public String plainText() {
        StringBuilder text = new StringBuilder(headline()).append("\n\n");
        for (Fact fact : facts()) {
            text.append(fact.label()).append(": ").append(fact.value()).append('\n');
        }
        error().ifPresent(error -> text.append("\nError:\n").append(error).append('\n'));
        link().ifPresent(link -> text.append("\nOpen the run: ").append(link).append('\n'));
        return text.toString();
    }

    /**
     * Cuts a text that a channel limits in length, marking the cut.
     *
     * @param text      the text
     * @param maxLength the most characters the channel takes, at least 10
     * @return the text, or its beginning followed by {@code " …"} so that the whole is {@code maxLength} long
     */
    public static String clip(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength - CLIPPED.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character outside the Basic Multilingual Plane (an emoji)
        }
        return text.substring(0, end) + CLIPPED;
    }
}

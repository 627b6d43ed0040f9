package io.arus.core.rest.internal;

import io.arus.core.store.RunFilter;
import io.arus.core.store.RunStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The query parameters of {@code GET /api/runs}, checked: each bad one is a 400 naming it.
 *
 * @param filter which runs
 * @param limit  at most this many, 1 to {@value #MAX_LIMIT}
 * @param offset skip this many
 */
record RunQuery(RunFilter filter, int limit, int offset) {
    static final int MAX_LIMIT = 500;
    /** What starts runs: the console, the API, a schedule, an upstream pipeline, the shell. */
    static final List<String> TRIGGERS = List.of("manual", "api", "schedule", "dependency", "shell", "restart");

    static RunQuery of(String pipelineId, String status, String trigger, String since, String until, int limit,
                       int offset) {
        if (pipelineId != null && (pipelineId.isBlank() || pipelineId.length() > 36)) {
            throw ApiException.invalid("pipeline_id", "must be a pipeline id (at most 36 characters)");
        }
        RunStatus parsedStatus = status == null || status.isEmpty() ? null : status(status);
        if (trigger != null && !trigger.isEmpty() && !TRIGGERS.contains(trigger)) {
            throw ApiException.invalid("trigger", "must be one of " + String.join(", ", TRIGGERS));
        }
        Instant from = instant("since", since);
        Instant to = instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("until", "must be after since");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ApiException.invalid("offset", "must not be negative");
        }
        return new RunQuery(new RunFilter(pipelineId, parsedStatus,
                trigger == null || trigger.isEmpty() ? null : trigger, from, to), limit, offset);
    }

    private static RunStatus status(String id) {
        return Arrays.stream(RunStatus.values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.invalid("status", "must be one of " + String.join(", ",
                        Arrays.stream(RunStatus.values()).map(RunStatus::id).toList())));
    }

    /** @return an ISO-8601 instant ({@code 2026-12-04T18:00:00Z}, an offset, or a UTC day {@code 2026-12-04}), or null */
    private static Instant instant(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw ApiException.invalid(name, "must be an ISO-8601 time with an offset (e.g. 2026-12-04T18:00:00Z)"
                    + " or a day (2026-12-04)");
        }
    }
}

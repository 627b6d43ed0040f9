package io.arus.core.model;

import io.arus.api.config.ConfigViolation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The defaults and the checks of {@link PipelineSpec}, in one place. */
final class PipelineChecks {
    static final List<String> SYNC_MODES = List.of("full_refresh", "incremental", "cdc");
    static final List<String> WRITE_MODES = List.of("append", "upsert", "replace");
    static final List<String> ACTIONS = List.of("fail", "warn", "off");
    static final List<String> MATERIALIZATIONS = List.of("table", "view", "incremental");
    /** The most steps one stream's chain may have. */
    static final int MAX_STEPS = 50;
    static final List<String> EVENTS = java.util.Arrays.stream(io.arus.api.notify.Notification.Event.values())
            .map(io.arus.api.notify.Notification.Event::id).toList();

    /** A batch's memory bound when a pipeline sets none (MiB). */
    static final int DEFAULT_BATCH_MEMORY_MB = 2;

    private PipelineChecks() {
    }

    static PipelineSpec withDefaults(PipelineSpec p) {
        return new PipelineSpec(p.name(), p.sourceId(), p.destinationId(), p.enabled() == null || p.enabled(),
                p.schedule(), p.dependsOn() == null ? List.of() : p.dependsOn(), p.notifications(),
                p.streams() == null ? List.of() : p.streams().stream()
                        .map(stream -> stream == null ? null : streamWithDefaults(stream)).toList(),
                p.zones() == null ? List.of("normalized") : p.zones(),
                or(p.targetNamespace(), "analytics"), or(p.rawNamespace(), "staging"),
                p.batchSize() == null ? 10_000 : p.batchSize(),
                p.batchMemoryMb() == null ? DEFAULT_BATCH_MEMORY_MB : p.batchMemoryMb(),
                p.parallelism() == null ? 2 : p.parallelism(),
                p.errorThreshold(), p.lookBackSeconds() == null ? 0L : p.lookBackSeconds(),
                or(p.softDeleteMode(), "delete"), qualityChecks(p.qualityChecks()),
                p.policies().misfire(), p.policies().overlap(),
                p.models() == null ? List.of() : p.models().stream().map(m -> m == null ? null : modelWithDefaults(m)).toList(),
                new CdcSpec(p.cdc() == null || p.cdc().until() == null ? CdcSpec.NEVER : lower(p.cdc().until()),
                        p.cdc() == null ? CdcSpec.DEFAULT_LAG_ALERT_SECONDS : p.cdc().effectiveLagAlertSeconds(),
                        p.cdc() == null ? CdcSpec.DEFAULT_CHECKPOINT_SECONDS : p.cdc().effectiveCheckpointSeconds()),
                p.retry() == null ? RetrySpec.DEFAULT
                        : new RetrySpec(p.retry().effectiveAttempts(), p.retry().effectiveMaxDelaySeconds()));
    }

    /** A model with its materialization's default. */
    static ModelSpec modelWithDefaults(ModelSpec m) {
        return new ModelSpec(m.name(), m.sql(), m.materialization() == null ? "table" : lower(m.materialization()),
                m.uniqueKey());
    }

    /** A stream with its sync mode's default; the fields detected at run time stay null. */
    static StreamSpec streamWithDefaults(StreamSpec s) {
        return new StreamSpec(s.name(), s.syncMode() == null ? "incremental" : lower(s.syncMode()), s.cursorField(),
                s.primaryKey(), s.softDeleteField(), lower(s.writeMode()), s.transforms());
    }

    static PipelineSpec validate(PipelineSpec p) {
        List<ConfigViolation> errors = violations(p);
        if (!errors.isEmpty()) {
            throw new InvalidModelException(errors);
        }
        return withDefaults(p);
    }

    static List<ConfigViolation> violations(PipelineSpec p) {
        List<ConfigViolation> errors = new ArrayList<>();
        if (p.name() == null || p.name().isBlank() || p.name().length() > 100) {
            errors.add(new ConfigViolation("name", "is required (1 to 100 characters)"));
        }
        required(p.sourceId(), "source_id", errors);
        required(p.destinationId(), "destination_id", errors);
        if (p.schedule() != null && (p.schedule().cron() == null || p.schedule().cron().isBlank())) {
            errors.add(new ConfigViolation("schedule.cron", "is required in a schedule"));
        }
        if (p.schedule() != null && p.schedule().timezone() != null && p.schedule().timezone().isBlank()) {
            errors.add(new ConfigViolation("schedule.timezone", "must be a time zone id such as Europe/Paris, or left out for UTC"));
        }
        if (p.dependsOn() != null) {
            for (int i = 0; i < p.dependsOn().size(); i++) {
                if (p.dependsOn().get(i) == null || p.dependsOn().get(i).isBlank()) {
                    errors.add(new ConfigViolation("depends_on[" + i + "]", "must be a pipeline id"));
                }
            }
        }
        notifications(p.notifications(), errors);
        streams(p.streams(), errors);
        if (p.zones() != null && (p.zones().isEmpty()
                || !p.zones().stream().allMatch(z -> "raw".equals(z) || "normalized".equals(z)))) {
            errors.add(new ConfigViolation("zones", "must be a non-empty list of \"raw\" and/or \"normalized\""));
        }
        identifier(p.targetNamespace(), "target_namespace", errors);
        identifier(p.rawNamespace(), "raw_namespace", errors);
        range(p.batchSize(), "batch_size", 1, 1_000_000, errors);
        range(p.batchMemoryMb(), "batch_memory_mb", 1, 1_024, errors);
        range(p.parallelism(), "parallelism", 1, 16, errors);
        range(p.errorThreshold(), "error_threshold", 0, Long.MAX_VALUE, errors);
        range(p.lookBackSeconds(), "look_back_seconds", 0, 31L * 24 * 3600, errors);
        if (p.softDeleteMode() != null && !"delete".equals(p.softDeleteMode()) && !"flag".equals(p.softDeleteMode())) {
            errors.add(new ConfigViolation("soft_delete_mode", "must be \"delete\" or \"flag\""));
        }
        qualityChecks(p.qualityChecks(), errors);
        if (p.cdc() != null && p.cdc().until() != null && !CdcSpec.NEVER.equals(lower(p.cdc().until()))
                && !CdcSpec.CURRENT.equals(lower(p.cdc().until()))) {
            errors.add(new ConfigViolation("cdc.until", "must be \"never\" (follow the log until stopped) or \"current\""
                    + " (drain to the position found at start, then end)"));
        }
        range(p.cdc() == null ? null : p.cdc().lagAlertSeconds(), "cdc.lag_alert_seconds", 1,
                CdcSpec.MAX_LAG_ALERT_SECONDS, errors);
        range(p.cdc() == null ? null : p.cdc().checkpointSeconds(), "cdc.checkpoint_seconds", 1,
                CdcSpec.MAX_CHECKPOINT_SECONDS, errors);
        range(p.retry() == null ? null : p.retry().attempts(), "retry.attempts", 0, RetrySpec.MAX_ATTEMPTS, errors);
        range(p.retry() == null ? null : p.retry().maxDelaySeconds(), "retry.max_delay_seconds", 1,
                RetrySpec.MAX_MAX_DELAY_SECONDS, errors);
        models(p.models(), p.streams(), errors);
        return errors;
    }

    /** @return the definition as the store keeps it (and as answers show it) */
    static Map<String, Object> definition(PipelineSpec d) {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Map<String, Object>> streams = new ArrayList<>();
        for (StreamSpec raw : d.streams()) {
            StreamSpec s = streamWithDefaults(raw);
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("name", s.name());
            stream.put("sync_mode", s.syncMode());
            stream.put("cursor_field", s.cursorField());
            stream.put("primary_key", s.primaryKey());
            stream.put("soft_delete_field", s.softDeleteField());
            stream.put("write_mode", s.writeMode());
            List<Map<String, Object>> steps = new ArrayList<>();
            for (TransformSpec step : s.transforms()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("type", step.type());
                entry.put("config", new LinkedHashMap<>(step.config()));
                steps.add(entry);
            }
            stream.put("transforms", steps);
            streams.add(stream);
        }
        map.put("streams", streams);
        map.put("zones", d.zones());
        map.put("target_namespace", d.targetNamespace());
        map.put("raw_namespace", d.rawNamespace());
        map.put("batch_size", d.batchSize());
        map.put("batch_memory_mb", d.batchMemoryMb());
        map.put("parallelism", d.parallelism());
        map.put("error_threshold", d.errorThreshold());
        map.put("look_back_seconds", d.lookBackSeconds());
        map.put("soft_delete_mode", d.softDeleteMode());
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("row_count", d.qualityChecks().rowCount());
        checks.put("unique_key", d.qualityChecks().uniqueKey());
        checks.put("max_null_ratio", d.qualityChecks().maxNullRatio());
        checks.put("null_ratio", d.qualityChecks().nullRatio());
        map.put("quality_checks", checks);
        map.put("misfire_policy", d.misfirePolicy().id());
        map.put("overlap_policy", d.overlapPolicy().id());
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelSpec raw : d.models()) {
            ModelSpec m = modelWithDefaults(raw);
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", m.name());
            model.put("sql", m.sql());
            model.put("materialization", m.materialization());
            model.put("unique_key", m.uniqueKey());
            models.add(model);
        }
        map.put("models", models);
        Map<String, Object> cdc = new LinkedHashMap<>();
        cdc.put("until", d.cdc().until());
        cdc.put("lag_alert_seconds", d.cdc().effectiveLagAlertSeconds());
        cdc.put("checkpoint_seconds", d.cdc().effectiveCheckpointSeconds());
        map.put("cdc", cdc);
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("attempts", d.retry().effectiveAttempts());
        retry.put("max_delay_seconds", d.retry().effectiveMaxDelaySeconds());
        map.put("retry", retry);
        return map;
    }

    private static void notifications(List<NotificationSpec> notifications, List<ConfigViolation> errors) {
        if (notifications == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < notifications.size(); i++) {
            String at = "notifications[" + i + "]";
            NotificationSpec n = notifications.get(i);
            if (n.targetId() == null || n.targetId().isBlank()) {
                errors.add(new ConfigViolation(at + ".target_id", "is required"));
            } else if (!seen.add(n.targetId())) {
                errors.add(new ConfigViolation(at + ".target_id", "lists the same target twice; give it all its events at once"));
            }
            List<String> events = EVENTS;
            if (n.events().isEmpty()) {
                errors.add(new ConfigViolation(at + ".events", "must list one or more of " + events));
            }
            for (int j = 0; j < n.events().size(); j++) {
                if (!events.contains(n.events().get(j))) {
                    errors.add(new ConfigViolation(at + ".events[" + j + "]", "must be one of " + events));
                }
            }
        }
    }

    private static void streams(List<StreamSpec> streams, List<ConfigViolation> errors) {
        if (streams == null || streams.isEmpty()) {
            errors.add(new ConfigViolation("streams", "must list at least one stream"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < streams.size(); i++) {
            String at = "streams[" + i + "]";
            StreamSpec s = streams.get(i);
            if (s == null) {
                errors.add(new ConfigViolation(at, "must be an object"));
                continue;
            }
            if (s.name() == null || s.name().isBlank()) {
                errors.add(new ConfigViolation(at + ".name", "is required (\"namespace.table\")"));
            } else if (!seen.add(s.name())) {
                errors.add(new ConfigViolation(at + ".name", "selects " + s.name() + " twice"));
            }
            if ("cdc".equals(lower(s.syncMode())) && s.writeMode() != null && WRITE_MODES.contains(lower(s.writeMode()))
                    && !"upsert".equals(lower(s.writeMode()))) {
                errors.add(new ConfigViolation(at + ".write_mode", "must be upsert (or left out) for a cdc stream: changes"
                        + " are applied by key"));
            }
            if (s.syncMode() != null && !SYNC_MODES.contains(lower(s.syncMode()))) {
                errors.add(new ConfigViolation(at + ".sync_mode", "must be one of " + SYNC_MODES));
            }
            if (s.writeMode() != null && !WRITE_MODES.contains(lower(s.writeMode()))) {
                errors.add(new ConfigViolation(at + ".write_mode", "must be one of " + WRITE_MODES));
            }
            column(s.cursorField(), at + ".cursor_field", errors);
            column(s.softDeleteField(), at + ".soft_delete_field", errors);
            for (int k = 0; k < s.primaryKey().size(); k++) {
                column(s.primaryKey().get(k), at + ".primary_key[" + k + "]", errors);
            }
            for (int k = 0; k < s.transforms().size(); k++) {
                TransformSpec step = s.transforms().get(k);
                if (step == null) {
                    errors.add(new ConfigViolation(at + ".transforms[" + k + "]", "must be an object"));
                } else if (step.type() == null || step.type().isBlank()) {
                    errors.add(new ConfigViolation(at + ".transforms[" + k + "].type", "is required"));
                }
            }
            if (s.transforms().size() > MAX_STEPS) {
                errors.add(new ConfigViolation(at + ".transforms", "may have at most " + MAX_STEPS + " steps"));
            }
        }
    }

    private static void models(List<ModelSpec> models, List<StreamSpec> streams, List<ConfigViolation> errors) {
        if (models == null) {
            return;
        }
        Set<String> known = new HashSet<>();
        if (streams != null) {
            streams.stream().filter(s -> s != null && s.name() != null).forEach(s -> known.add(s.name()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String at = "models[" + i + "]";
            ModelSpec m = models.get(i);
            if (m == null) {
                errors.add(new ConfigViolation(at, "must be an object"));
                continue;
            }
            if (m.name() == null || m.name().isBlank() || m.name().length() > 63) {
                errors.add(new ConfigViolation(at + ".name", "is required (a table name of 1 to 63 characters)"));
            } else if (!seen.add(m.name())) {
                errors.add(new ConfigViolation(at + ".name", "names two models " + m.name()));
            }
            if (m.sql() == null || m.sql().isBlank()) {
                errors.add(new ConfigViolation(at + ".sql", "is required (one SELECT)"));
            } else if (m.sql().length() > 100_000) {
                errors.add(new ConfigViolation(at + ".sql", "must be at most 100000 characters"));
            } else {
                List<String> unknown = m.refs().stream().filter(ref -> !known.contains(ref)).toList();
                if (!unknown.isEmpty()) {
                    errors.add(new ConfigViolation(at + ".sql", "ref('" + String.join("'), ref('", unknown)
                            + "') names neither a stream of the pipeline nor an earlier model"));
                }
            }
            if (m.name() != null) {
                known.add(m.name());
            }
            if (m.materialization() != null && !MATERIALIZATIONS.contains(lower(m.materialization()))) {
                errors.add(new ConfigViolation(at + ".materialization", "must be one of " + MATERIALIZATIONS));
            }
            if (!m.uniqueKey().isEmpty() && !"incremental".equals(lower(m.materialization()))) {
                errors.add(new ConfigViolation(at + ".unique_key", "applies only to an incremental model"));
            }
            for (int k = 0; k < m.uniqueKey().size(); k++) {
                column(m.uniqueKey().get(k), at + ".unique_key[" + k + "]", errors);
            }
        }
    }

    private static QualityChecksSpec qualityChecks(QualityChecksSpec q) {
        if (q == null) {
            return QualityChecksSpec.DEFAULT;
        }
        return new QualityChecksSpec(lower(or(q.rowCount(), "warn")), lower(or(q.uniqueKey(), "warn")),
                q.maxNullRatio(), lower(or(q.nullRatio(), "fail")));
    }

    private static void qualityChecks(QualityChecksSpec q, List<ConfigViolation> errors) {
        if (q == null) {
            return;
        }
        action(q.rowCount(), "quality_checks.row_count", errors);
        action(q.uniqueKey(), "quality_checks.unique_key", errors);
        action(q.nullRatio(), "quality_checks.null_ratio", errors);
        q.maxNullRatio().forEach((column, ratio) -> {
            if (ratio == null || ratio < 0 || ratio > 1) {
                errors.add(new ConfigViolation("quality_checks.max_null_ratio." + column, "must be a number from 0 to 1"));
            }
        });
    }

    private static void action(String value, String field, List<ConfigViolation> errors) {
        if (value != null && !ACTIONS.contains(value.toLowerCase(Locale.ROOT))) {
            errors.add(new ConfigViolation(field, "must be \"fail\", \"warn\" or \"off\""));
        }
    }

    private static void required(String value, String field, List<ConfigViolation> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new ConfigViolation(field, "is required"));
        }
    }

    private static void column(String value, String field, List<ConfigViolation> errors) {
        if (value != null && value.isBlank()) {
            errors.add(new ConfigViolation(field, "must be a column name"));
        }
    }

    private static void identifier(String value, String field, List<ConfigViolation> errors) {
        if (value != null && (value.isBlank() || value.length() > 63)) {
            errors.add(new ConfigViolation(field, "must be a name of 1 to 63 characters"));
        }
    }

    private static void range(Number value, String field, long min, long max, List<ConfigViolation> errors) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            errors.add(new ConfigViolation(field, "must be between " + min + " and " + max));
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}

package io.arus.core.engine;

import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigViolation;
import io.arus.api.connector.SyncMode;
import io.arus.api.connector.WriteMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The typed meaning of a stored pipeline definition (the JSON a client sends besides name, source, destination,
 * schedule and dependencies). {@link #parse} validates it and names every offending field.
 *
 * @param streams         the selected streams, at least one
 * @param rawZone         write the untouched records as JSON, append-only, with run id and extraction time
 * @param normalizedZone  write typed columns (upserted by key in incremental mode)
 * @param targetNamespace the destination namespace of the normalized zone
 * @param rawNamespace    the destination namespace of the raw zone
 * @param batchSize       rows per batch
 * @param parallelism     streams synced at once
 * @param errorThreshold  rejected rows a run tolerates before it fails; null for no limit
 * @param lookBackSeconds how far before the stored cursor incremental reads start again
 * @param softDeleteMode  {@code delete}: a soft-deleted row is deleted in the destination; {@code flag}: it is
 *                        written with its soft-delete column set
 * @param qualityChecks   the checks run after each stream
 * @param misfirePolicy   what a schedule does about fire times missed while the server was down:
 *                        {@code run_once} (one run now) or {@code skip} (wait for the next fire time)
 * @param overlapPolicy   what a schedule or dependency trigger does while the pipeline is still running:
 *                        {@code skip} (logged) or {@code queue} (one more run once the current one ends)
 */
public record PipelineDefinition(List<StreamSettings> streams, boolean rawZone, boolean normalizedZone,
                                 String targetNamespace, String rawNamespace, int batchSize, int parallelism,
                                 Long errorThreshold, long lookBackSeconds, String softDeleteMode,
                                 QualityCheckSettings qualityChecks, String misfirePolicy, String overlapPolicy) {
    /** The keys {@link #parse} accepts. */
    public static final Set<String> KEYS = Set.of("streams", "zones", "target_namespace", "raw_namespace", "batch_size",
            "parallelism", "error_threshold", "look_back_seconds", "soft_delete_mode", "quality_checks",
            "misfire_policy", "overlap_policy");
    private static final Set<String> STREAM_KEYS = Set.of("name", "sync_mode", "cursor_field", "primary_key",
            "soft_delete_field", "write_mode");

    /**
     * @param definition the JSON-friendly definition
     * @return the typed definition, defaults applied
     * @throws ConfigException naming every offending field ({@code streams[0].sync_mode}, {@code batch_size}...)
     */
    public static PipelineDefinition parse(Map<String, ?> definition) throws ConfigException {
        List<ConfigViolation> errors = new ArrayList<>();
        for (String key : definition.keySet()) {
            if (!KEYS.contains(key)) {
                errors.add(new ConfigViolation(key, "is not a pipeline field"));
            }
        }
        List<StreamSettings> streams = streams(definition.get("streams"), errors);
        boolean raw = false;
        boolean normalized = true;
        Object zones = definition.get("zones");
        if (zones != null) {
            if (zones instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(z -> "raw".equals(z) || "normalized".equals(z))) {
                raw = list.contains("raw");
                normalized = list.contains("normalized");
            } else {
                errors.add(new ConfigViolation("zones", "must be a non-empty list of \"raw\" and/or \"normalized\""));
            }
        }
        String target = identifier(definition.get("target_namespace"), "target_namespace", "analytics", errors);
        String rawNamespace = identifier(definition.get("raw_namespace"), "raw_namespace", "staging", errors);
        int batchSize = (int) number(definition.get("batch_size"), "batch_size", 10_000, 1, 1_000_000, errors);
        int parallelism = (int) number(definition.get("parallelism"), "parallelism", 2, 1, 16, errors);
        Long threshold = definition.get("error_threshold") == null ? null
                : number(definition.get("error_threshold"), "error_threshold", 0, 0, Long.MAX_VALUE, errors);
        long lookBack = number(definition.get("look_back_seconds"), "look_back_seconds", 0, 0, 31L * 24 * 3600, errors);
        Object mode = definition.get("soft_delete_mode");
        String softDeleteMode = mode == null ? "delete" : String.valueOf(mode);
        if (!"delete".equals(softDeleteMode) && !"flag".equals(softDeleteMode)) {
            errors.add(new ConfigViolation("soft_delete_mode", "must be \"delete\" or \"flag\""));
        }
        QualityCheckSettings checks = QualityCheckSettings.parse(definition.get("quality_checks"), errors);
        String misfire = choice(definition.get("misfire_policy"), "misfire_policy", List.of("run_once", "skip"), errors);
        String overlap = choice(definition.get("overlap_policy"), "overlap_policy", List.of("skip", "queue"), errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new PipelineDefinition(streams, raw, normalized, target, rawNamespace, batchSize, parallelism, threshold,
                lookBack, softDeleteMode, checks, misfire, overlap);
    }

    /** @return the definition as JSON-friendly values, for storage and answers */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (StreamSettings s : streams) {
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("name", s.name());
            stream.put("sync_mode", s.syncMode().id());
            stream.put("cursor_field", s.cursorField());
            stream.put("primary_key", s.primaryKey());
            stream.put("soft_delete_field", s.softDeleteField());
            stream.put("write_mode", s.writeMode() == null ? null : s.writeMode().id());
            list.add(stream);
        }
        map.put("streams", list);
        List<String> zones = new ArrayList<>();
        if (rawZone) {
            zones.add("raw");
        }
        if (normalizedZone) {
            zones.add("normalized");
        }
        map.put("zones", zones);
        map.put("target_namespace", targetNamespace);
        map.put("raw_namespace", rawNamespace);
        map.put("batch_size", batchSize);
        map.put("parallelism", parallelism);
        map.put("error_threshold", errorThreshold);
        map.put("look_back_seconds", lookBackSeconds);
        map.put("soft_delete_mode", softDeleteMode);
        map.put("quality_checks", qualityChecks.toMap());
        map.put("misfire_policy", misfirePolicy);
        map.put("overlap_policy", overlapPolicy);
        return map;
    }

    private static List<StreamSettings> streams(Object value, List<ConfigViolation> errors) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            errors.add(new ConfigViolation("streams", "must list at least one stream"));
            return List.of();
        }
        List<StreamSettings> streams = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "streams[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                errors.add(new ConfigViolation(at, "must be an object"));
                continue;
            }
            for (Object key : raw.keySet()) {
                if (!STREAM_KEYS.contains(key)) {
                    errors.add(new ConfigViolation(at + "." + key, "is not a stream field"));
                }
            }
            String name = raw.get("name") instanceof String n && !n.isBlank() ? n : null;
            if (name == null) {
                errors.add(new ConfigViolation(at + ".name", "is required (\"namespace.table\")"));
            } else if (!seen.add(name)) {
                errors.add(new ConfigViolation(at + ".name", "selects " + name + " twice"));
            }
            SyncMode sync = enumValue(raw.get("sync_mode"), SyncMode.class, SyncMode.INCREMENTAL, at + ".sync_mode", errors);
            if (sync == SyncMode.CDC) {
                errors.add(new ConfigViolation(at + ".sync_mode", "cdc is not available yet; use full_refresh or incremental"));
            }
            WriteMode write = raw.get("write_mode") == null ? null
                    : enumValue(raw.get("write_mode"), WriteMode.class, null, at + ".write_mode", errors);
            List<String> key = new ArrayList<>();
            if (raw.get("primary_key") instanceof List<?> columns) {
                columns.forEach(c -> key.add(String.valueOf(c)));
            } else if (raw.get("primary_key") != null) {
                errors.add(new ConfigViolation(at + ".primary_key", "must be a list of column names"));
            }
            streams.add(new StreamSettings(name, sync, text(raw.get("cursor_field"), at + ".cursor_field", errors), key,
                    text(raw.get("soft_delete_field"), at + ".soft_delete_field", errors), write));
        }
        return streams;
    }

    private static <E extends Enum<E>> E enumValue(Object value, Class<E> type, E fallback, String field,
                                                   List<ConfigViolation> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> ids = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                ids.add(constant.name().toLowerCase(Locale.ROOT));
            }
            errors.add(new ConfigViolation(field, "must be one of " + ids));
            return fallback;
        }
    }

    /** @return the value, one of {@code allowed}; the first of them when absent */
    private static String choice(Object value, String field, List<String> allowed, List<ConfigViolation> errors) {
        if (value == null) {
            return allowed.get(0);
        }
        if (!allowed.contains(value)) {
            errors.add(new ConfigViolation(field, "must be one of " + allowed));
            return allowed.get(0);
        }
        return (String) value;
    }

    private static String text(Object value, String field, List<ConfigViolation> errors) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            errors.add(new ConfigViolation(field, "must be a column name"));
            return null;
        }
        return s;
    }

    private static String identifier(Object value, String field, String fallback, List<ConfigViolation> errors) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > 63) {
            errors.add(new ConfigViolation(field, "must be a name of 1 to 63 characters"));
            return fallback;
        }
        return s;
    }

    private static long number(Object value, String field, long fallback, long min, long max, List<ConfigViolation> errors) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            errors.add(new ConfigViolation(field, "must be a whole number"));
            return fallback;
        }
        long v = n.longValue();
        if (v < min || v > max) {
            errors.add(new ConfigViolation(field, "must be between " + min + " and " + max));
            return fallback;
        }
        return v;
    }
}

package io.arus.core.engine;

import io.arus.api.config.ConfigViolation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality checks run after each stream, from a pipeline's {@code quality_checks}:
 * {@code {"row_count": "warn", "unique_key": "fail", "max_null_ratio": {"email": 0.05}, "null_ratio": "fail"}}.
 *
 * @param rowCount     source rows (without soft-deleted ones) against destination rows
 * @param uniqueKey    distinct keys against rows in the destination
 * @param maxNullRatio column to the largest share of nulls allowed in the destination
 * @param nullRatio    what a null-ratio breach does
 */
public record QualityCheckSettings(Action rowCount, Action uniqueKey, Map<String, Double> maxNullRatio, Action nullRatio) {
    /** What a failed check does. */
    public enum Action {
        /** The stream, and so the run, fails. */ FAIL,
        /** The result says so; the run goes on. */ WARN,
        /** Not checked. */ OFF;

        /** @return the lower-case name */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Row count and key uniqueness warn; no null-ratio limits. */
    public static final QualityCheckSettings DEFAULT = new QualityCheckSettings(Action.WARN, Action.WARN, Map.of(), Action.FAIL);

    /** Copies the limits. */
    public QualityCheckSettings {
        maxNullRatio = Map.copyOf(maxNullRatio);
    }

    static QualityCheckSettings parse(Object value, List<ConfigViolation> errors) {
        if (value == null) {
            return DEFAULT;
        }
        if (!(value instanceof Map<?, ?> map)) {
            errors.add(new ConfigViolation("quality_checks", "must be an object"));
            return DEFAULT;
        }
        for (Object key : map.keySet()) {
            if (!List.of("row_count", "unique_key", "max_null_ratio", "null_ratio").contains(key)) {
                errors.add(new ConfigViolation("quality_checks." + key, "is not a quality check"));
            }
        }
        Map<String, Double> limits = new LinkedHashMap<>();
        if (map.get("max_null_ratio") instanceof Map<?, ?> ratios) {
            ratios.forEach((column, ratio) -> {
                if (ratio instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
                    limits.put(String.valueOf(column), n.doubleValue());
                } else {
                    errors.add(new ConfigViolation("quality_checks.max_null_ratio." + column, "must be a number from 0 to 1"));
                }
            });
        } else if (map.get("max_null_ratio") != null) {
            errors.add(new ConfigViolation("quality_checks.max_null_ratio", "must map column names to ratios"));
        }
        return new QualityCheckSettings(action(map.get("row_count"), "row_count", Action.WARN, errors),
                action(map.get("unique_key"), "unique_key", Action.WARN, errors), limits,
                action(map.get("null_ratio"), "null_ratio", Action.FAIL, errors));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("row_count", rowCount.id());
        map.put("unique_key", uniqueKey.id());
        map.put("max_null_ratio", maxNullRatio);
        map.put("null_ratio", nullRatio.id());
        return map;
    }

    private static Action action(Object value, String field, Action fallback, List<ConfigViolation> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            return Action.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigViolation("quality_checks." + field, "must be \"fail\", \"warn\" or \"off\""));
            return fallback;
        }
    }
}

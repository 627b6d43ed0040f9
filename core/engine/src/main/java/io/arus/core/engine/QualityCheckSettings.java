package io.arus.core.engine;

import io.arus.core.model.QualityChecksSpec;
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

    /**
     * @param spec the quality checks of a valid pipeline, defaults applied
     * @return them in the engine's types
     */
    public static QualityCheckSettings of(QualityChecksSpec spec) {
        return new QualityCheckSettings(action(spec.rowCount()), action(spec.uniqueKey()), spec.maxNullRatio(),
                action(spec.nullRatio()));
    }

    private static Action action(String id) {
        return Action.valueOf(id.toUpperCase(Locale.ROOT));
    }
}

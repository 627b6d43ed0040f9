package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The quality checks run after each stream:
 * {@code {"row_count": "warn", "unique_key": "fail", "max_null_ratio": {"email": 0.05}, "null_ratio": "fail"}}.
 * Each action is {@code fail}, {@code warn} or {@code off}.
 *
 * @param rowCount     source rows against destination rows; {@code warn} by default
 * @param uniqueKey    distinct keys against rows in the destination; {@code warn} by default
 * @param maxNullRatio column to the largest share of nulls allowed, each from 0 to 1; none by default
 * @param nullRatio    what a null-ratio breach does; {@code fail} by default
 */
public record QualityChecksSpec(@JsonProperty("row_count") String rowCount,
                                @JsonProperty("unique_key") String uniqueKey,
                                @JsonProperty("max_null_ratio") Map<String, Double> maxNullRatio,
                                @JsonProperty("null_ratio") String nullRatio) {
    /** The defaults: row count and key uniqueness warn, no null-ratio limits, a breach fails. */
    public static final QualityChecksSpec DEFAULT = new QualityChecksSpec("warn", "warn", Map.of(), "fail");

    /** Copies the limits; missing limits are none. */
    public QualityChecksSpec {
        maxNullRatio = maxNullRatio == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(maxNullRatio));
    }
}

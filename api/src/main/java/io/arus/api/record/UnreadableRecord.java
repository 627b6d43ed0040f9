package io.arus.api.record;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something a source read but could not turn into a row (a CSV line with a bad value or the wrong number of
 * fields, a line that is not JSON), handed to the engine with the batch it was met in so that it goes to dead
 * letters instead of failing the stream or vanishing. The batch's offset covers it: once the batch is flushed it is
 * not read again.
 *
 * @param reason why, in words a user can act on, naming where it was, e.g.
 *               {@code "orders/2024-05.csv line 17: 'abc' is not a int64 (column qty)"}
 * @param values what the source has to show of it, JSON-friendly, e.g. {@code {"_file": "orders/2024-05.csv",
 *               "_line": 17, "_text": "..."}}
 */
public record UnreadableRecord(String reason, Map<String, Object> values) {
    /** Checks both parts are present and copies the values into an immutable, ordered map. */
    public UnreadableRecord {
        Objects.requireNonNull(reason, "reason");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }
}

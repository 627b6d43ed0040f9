package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A SQL model (ELT push-down), run in the destination after every stream of the run succeeded, in list order.
 * The SQL is one SELECT; {@code {{ ref('namespace.table') }}} names a stream of the pipeline (its destination table)
 * or an earlier model, {@code {{ this }}} the model's own table.
 *
 * @param name            the table or view the model makes, in the pipeline's target namespace; required, unique
 * @param sql             the SELECT; required
 * @param materialization {@code table} (the default once parsed), {@code view} or {@code incremental}
 * @param uniqueKey       for {@code incremental}: the columns whose rows new rows replace; empty to append
 */
public record ModelSpec(String name, String sql, String materialization,
                        @JsonProperty("unique_key") List<String> uniqueKey) {
    /** Copies the key; a missing key is empty. */
    public ModelSpec {
        uniqueKey = uniqueKey == null ? List.of() : List.copyOf(uniqueKey);
    }
}

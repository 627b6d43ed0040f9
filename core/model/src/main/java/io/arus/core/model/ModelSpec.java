package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    /** {@code {{ ref('name') }}} with single or double quotes, spaces allowed inside the braces. */
    private static final Pattern REF = Pattern.compile("\\{\\{\\s*ref\\(\\s*(['\"])(.*?)\\1\\s*\\)\\s*}}");

    /** Copies the key; a missing key is empty. */
    public ModelSpec {
        uniqueKey = uniqueKey == null ? List.of() : List.copyOf(uniqueKey);
    }

    /**
     * @return the names the SQL refers to with {@code {{ ref('...') }}}, in order of appearance, each once: streams
     *         of the pipeline or earlier models
     */
    @JsonIgnore
    public List<String> refs() {
        List<String> refs = new ArrayList<>();
        if (sql != null) {
            Matcher m = REF.matcher(sql);
            while (m.find()) {
                if (!refs.contains(m.group(2))) {
                    refs.add(m.group(2));
                }
            }
        }
        return refs;
    }
}

package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A source or a destination as a client writes it. {@code config} is checked against the connector type's
 * configuration spec by the service (the model cannot know the installed types). A secret field holds a value,
 * the mask {@code "******"} (keep the stored secret) or a reference {@code ${env:NAME}} / {@code ${file:/path}}.
 * The read-only fields of an answer ({@code id}, {@code available}, {@code created_by}, {@code created_at},
 * {@code updated_at}) are ignored, so a GET answer can be PUT back.
 *
 * @param name   unique among connections of its kind, 1 to 100 characters
 * @param type   the connector type id ({@code postgresql}, {@code clickhouse}...)
 * @param config the connector's settings; null is empty
 */
@JsonIgnoreProperties(value = {"id", "available", "created_by", "created_at", "updated_at"}, allowGetters = true)
public record ConnectionSpec(String name, String type, Map<String, Object> config) {
    /** Copies the settings (nulls kept: a null setting means "the default"). */
    public ConnectionSpec {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }
}

package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A notification target (a webhook, a Slack channel, an e-mail address...) as a client writes it. {@code config}
 * is checked against the notifier type's configuration spec by the service; secrets as in {@link ConnectionSpec}.
 * The read-only fields of an answer ({@code id}, {@code available}, {@code pipelines}, {@code created_at},
 * {@code updated_at}) are ignored, so a GET answer can be PUT back.
 *
 * @param name   unique, 1 to 100 characters
 * @param type   the notifier type id ({@code webhook}, {@code slack}, {@code email}...)
 * @param config the notifier's settings; null is empty
 */
@JsonIgnoreProperties(value = {"id", "available", "pipelines", "created_at", "updated_at"}, allowGetters = true)
public record NotificationTargetSpec(String name, String type, Map<String, Object> config) {
    /** Copies the settings. */
    public NotificationTargetSpec {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }
}

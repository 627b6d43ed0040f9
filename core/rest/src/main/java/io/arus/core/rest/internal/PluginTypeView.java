package io.arus.core.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.arus.api.config.ConfigField;
import io.arus.api.connector.Capability;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.core.platform.PluginType;
import java.util.List;

/**
 * A connector, transform or notifier type as {@code GET /api/connectors} (and transforms, notifiers) show it.
 *
 * @param type         the type key
 * @param name         the display name
 * @param version      the plugin's version
 * @param description  one sentence on what it does
 * @param icon         an icon name or data URI
 * @param bundle       the symbolic name of the providing bundle
 * @param capabilities what a connector can do (empty for transforms and notifiers)
 * @param config       the configuration fields
 */
public record PluginTypeView(String type, String name, String version, String description, String icon, String bundle,
                             List<String> capabilities, List<Field> config) {

    /**
     * One configuration field of the spec. {@code binds_secrets}: changing it means giving the secrets again
     * (sending the mask back is refused), since it says where or how safely they are sent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Field(String name, String type, String label, boolean required,
                        @JsonProperty("default") Object defaultValue, boolean secret, String help, List<String> options,
                        Long min, Long max, boolean bindsSecrets) {
    }

    static PluginTypeView of(PluginType plugin) {
        TypeDescriptor d = plugin.descriptor();
        List<String> capabilities = plugin.capabilities().stream().sorted().map(Capability::id).toList();
        List<Field> fields = d.config().fields().stream().map(PluginTypeView::field).toList();
        return new PluginTypeView(d.type(), d.name(), d.version(), d.description(), d.icon(), plugin.bundle(),
                capabilities, fields);
    }

    private static Field field(ConfigField f) {
        // a secret's default is never shown either
        Object defaultValue = f.secret() ? null : f.defaultValue();
        return new Field(f.name(), f.type().id(), f.label(), f.required(), defaultValue, f.secret(), f.help(),
                f.options().isEmpty() ? null : f.options(), f.min(), f.max(), f.bindsSecrets());
    }
}

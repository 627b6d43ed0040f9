package io.arus.api.plugin;

import io.arus.api.config.ConfigSpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a plugin type says about itself: its type key, how it is shown, its version and the configuration it
 * accepts. Connectors, transforms and notifiers all describe themselves with one.
 *
 * @param type        the stable key, lower case, e.g. {@code "postgresql"}; it must equal the type service property
 * @param name        the display name, e.g. {@code "PostgreSQL"}
 * @param version     the plugin's version, e.g. {@code "1.2.0"}
 * @param description one sentence on what it does
 * @param icon        an icon: a short name the console knows ({@code "database"}, {@code "file"}...), or a
 *                    {@code data:} URI of an SVG; may be empty
 * @param config      the configuration fields
 */
public record TypeDescriptor(String type, String name, String version, String description, String icon,
                             ConfigSpec config) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_\\-]*");

    /** Checks the descriptor is well formed. */
    public TypeDescriptor {
        Objects.requireNonNull(type, "type");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("type must be lower case letters, digits, '-' or '_': " + type);
        }
        name = name == null || name.isBlank() ? type : name;
        version = version == null ? "0.0.0" : version;
        description = description == null ? "" : description;
        icon = icon == null ? "" : icon;
        config = config == null ? ConfigSpec.EMPTY : config;
    }
}

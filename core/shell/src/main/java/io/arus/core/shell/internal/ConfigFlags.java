package io.arus.core.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigViolation;
import io.arus.core.model.InvalidModelException;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source, destination or notification target written on the command line: {@code --name}, {@code --type} and
 * {@code key=value} settings, or a YAML file in the API's shape. A value is typed by the plugin type's own spec (an
 * {@code int} or {@code port} field gets a number, a {@code boolean} one true or false, a {@code list} one its
 * comma-separated items), so the service checks it as it checks the API's JSON.
 */
final class ConfigFlags {
    private ConfigFlags() {
    }

    /**
     * @return the object as the API's JSON would carry it
     * @throws InvalidModelException naming the setting that is not {@code key=value}, or when neither a file nor a
     *                               name and type are given
     */
    static JsonNode definition(PluginCatalog catalog, PluginKind kind, String file, String name, String type,
                               String[] settings) {
        if (!file.isEmpty()) {
            if (!name.isEmpty() || !type.isEmpty() || settings.length > 0) {
                throw invalid("file", "give either a file or --name, --type and settings, not both");
            }
            return ShellYaml.read(file);
        }
        List<ConfigViolation> errors = new ArrayList<>();
        if (name.isEmpty()) {
            errors.add(new ConfigViolation("name", "is required (--name, or a file)"));
        }
        if (type.isEmpty()) {
            errors.add(new ConfigViolation("type", "is required (--type, or a file)"));
        }
        Map<String, ConfigField> fields = new LinkedHashMap<>();
        catalog.types(kind).stream().filter(t -> t.type().equals(type)).findFirst().map(PluginType::descriptor)
                .ifPresent(d -> d.config().fields().forEach(f -> fields.put(f.name(), f)));
        ObjectNode config = ShellYaml.object();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                errors.add(new ConfigViolation("config", "'" + (setting.length() > 60 ? setting.substring(0, 60) + "…" : setting)
                        + "' is not key=value"));
                continue;
            }
            String key = setting.substring(0, equals);
            config.set(key, ShellYaml.MAPPER.valueToTree(typed(fields.get(key), setting.substring(equals + 1))));
        }
        if (!errors.isEmpty()) {
            throw new InvalidModelException(errors);
        }
        ObjectNode node = ShellYaml.object();
        node.put("name", name);
        node.put("type", type);
        node.set("config", config);
        return node;
    }

    private static Object typed(ConfigField field, String value) {
        if (field == null) {
            return value;
        }
        switch (field.type()) {
            case INT, PORT -> {
                try {
                    return Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return value; // the service names the field
                }
            }
            case BOOLEAN -> {
                return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : value;
            }
            case LIST -> {
                return value.isEmpty() ? List.of() : Arrays.stream(value.split(",", -1)).map(String::trim).toList();
            }
            default -> {
                return value;
            }
        }
    }

    private static InvalidModelException invalid(String field, String message) {
        return new InvalidModelException(List.of(new ConfigViolation(field, message)));
    }
}

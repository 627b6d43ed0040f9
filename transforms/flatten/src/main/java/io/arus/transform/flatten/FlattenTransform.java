package io.arus.transform.flatten;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.transform.Transform;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformStep;
import io.arus.api.transform.TransformType;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import io.arus.transform.expression.ValueConversion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * Reads values out of a JSON column into new typed columns: {@code fields} maps each new column to
 * {@code "path"} or {@code "path:type"} (type default string). A value that is not JSON or does not fit its type
 * rejects the row or becomes NULL, per {@code on_error}.
 */
@Component(service = Transform.class)
@TransformType(FlattenTransform.TYPE)
public final class FlattenTransform implements Transform {
    static final String TYPE = "flatten";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("column", FieldType.STRING).label("JSON column").required()
                    .help("A json column, or a string column holding JSON text.").build(),
            ConfigField.builder("fields", FieldType.MAP).label("New columns").required()
                    .help("New column -> 'path' or 'path:type', e.g. city -> '$.address.city', "
                            + "sku -> 'items[0].sku', total -> 'total:decimal(12,2)'. The type defaults to string.")
                    .build(),
            ConfigField.builder("drop_source", FieldType.BOOLEAN).label("Drop the JSON column").defaultValue(false)
                    .help("Remove the JSON column from the output.").build(),
            ConfigField.builder("on_error", FieldType.ENUM).label("On a bad value").options("reject", "null")
                    .defaultValue("reject")
                    .help("A value that is not JSON or does not fit its type: reject the row (to dead letters) "
                            + "or set the column to NULL.").build());

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "Flatten JSON", bundleVersion(),
            "Reads values out of a JSON column by path into new typed columns.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void check(Config config) throws ConfigException {
        targets(config);
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        List<FlattenStep.Target> targets = targets(config);
        String column = config.string("column");
        int source = input.indexOf(column).orElseThrow(() -> new ConfigException("column",
                "the input has no column '" + column + "'"));
        LogicalType.Kind kind = input.field(source).type().kind();
        if (kind != LogicalType.Kind.JSON && kind != LogicalType.Kind.STRING) {
            throw new ConfigException("column", "'" + column + "' is " + input.field(source).type()
                    + "; flatten needs a json or string column");
        }
        boolean dropSource = config.bool("drop_source", false);
        for (FlattenStep.Target target : targets) {
            String name = target.field().name();
            if (input.indexOf(name).isPresent() && !(dropSource && name.equals(column))) {
                throw new ConfigException("fields." + name, "the input already has a column '" + name + "'");
            }
        }
        return new FlattenStep(input, source, targets, dropSource, "null".equals(config.string("on_error")));
    }

    private static List<FlattenStep.Target> targets(Config config) throws ConfigException {
        List<ConfigViolation> violations = new ArrayList<>();
        String column = config.string("column");
        if (column == null || column.isBlank()) {
            violations.add(new ConfigViolation("column", "is required"));
        }
        Map<String, String> fields = config.map("fields");
        if (fields.isEmpty()) {
            violations.add(new ConfigViolation("fields", "name at least one new column"));
        }
        List<FlattenStep.Target> targets = new ArrayList<>();
        for (Map.Entry<String, String> entry : fields.entrySet()) {
            String at = "fields." + entry.getKey();
            String spec = entry.getValue() == null ? "" : entry.getValue();
            int colon = spec.lastIndexOf(':');
            try {
                JsonPath path = JsonPath.parse(colon < 0 ? spec : spec.substring(0, colon));
                LogicalType type = colon < 0 ? LogicalType.STRING : LogicalType.parse(spec.substring(colon + 1)
                        .strip());
                if (!ValueConversion.supports(type)) {
                    violations.add(new ConfigViolation(at, "a flattened column cannot be of type " + type));
                } else if (entry.getKey().isBlank()) {
                    violations.add(new ConfigViolation("fields", "a new column needs a name"));
                } else {
                    targets.add(new FlattenStep.Target(Field.of(entry.getKey(), type, true), path));
                }
            } catch (IllegalArgumentException e) {
                violations.add(new ConfigViolation(at, e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return targets;
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(FlattenTransform.class);
        return bundle == null ? "1.0.0" : bundle.getVersion().toString();
    }
}

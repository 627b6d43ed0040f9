package io.arus.transform.rename;

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
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Renames columns: {@code columns} maps old names to new ones; values and order stay as they are. */
@Component(service = Transform.class)
@TransformType(RenameTransform.TYPE)
public final class RenameTransform implements Transform {
    static final String TYPE = "rename";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("columns", FieldType.MAP).label("Rename columns").required()
                    .help("Old column name to new column name, e.g. {\"cust_nm\": \"customer_name\"}.").build());

    private static final TypeDescriptor DESCRIPTOR = new TypeDescriptor(TYPE, "Rename columns", "1.0.0",
            "Gives columns new names, keeping their values and order.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(Config config) throws ConfigException {
        List<ConfigViolation> violations = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (Map.Entry<String, String> entry : config.map("columns").entrySet()) {
            if (entry.getValue().isBlank()) {
                violations.add(new ConfigViolation("columns." + entry.getKey(), "the new name is empty"));
            } else if (!targets.add(entry.getValue())) {
                violations.add(new ConfigViolation("columns." + entry.getKey(),
                        "two columns would be named '" + entry.getValue() + "'"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        check(config);
        Map<String, String> renames = config.map("columns");
        List<ConfigViolation> violations = new ArrayList<>();
        for (String old : renames.keySet()) {
            if (input.indexOf(old).isEmpty()) {
                violations.add(new ConfigViolation("columns." + old, "no column '" + old + "' in " + input.names()));
            }
        }
        List<Field> fields = new ArrayList<>(input.size());
        Set<String> names = new HashSet<>();
        for (Field field : input.fields()) {
            String name = renames.getOrDefault(field.name(), field.name());
            if (!names.add(name)) {
                violations.add(new ConfigViolation("columns", "two columns would be named '" + name + "'"));
            }
            fields.add(new Field(name, field.type(), field.nullable(), field.nativeType()));
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return new RenameStep(Schema.of(fields), input);
    }
}

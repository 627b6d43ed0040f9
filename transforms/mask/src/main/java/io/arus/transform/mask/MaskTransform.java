package io.arus.transform.mask;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.transform.Transform;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformStep;
import io.arus.api.transform.TransformType;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Masks text columns, keeping the first and last n characters visible. */
@Component(service = Transform.class)
@TransformType(MaskTransform.TYPE)
public final class MaskTransform implements Transform {
    static final String TYPE = "mask";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("columns", FieldType.LIST).label("Columns").required()
                    .help("The text columns to mask.").build(),
            ConfigField.builder("keep_first", FieldType.INT).label("Keep first").defaultValue(0).range(0, 1000)
                    .help("How many leading characters stay visible.").build(),
            ConfigField.builder("keep_last", FieldType.INT).label("Keep last").defaultValue(0).range(0, 1000)
                    .help("How many trailing characters stay visible, e.g. 4 for a card number.").build(),
            ConfigField.builder("char", FieldType.STRING).label("Mask character").defaultValue("*")
                    .help("The single character that replaces each hidden character.").build());

    private static final TypeDescriptor DESCRIPTOR = new TypeDescriptor(TYPE, "Mask", "1.0.0",
            "Hides the characters of text columns, keeping the first and last n visible.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(Config config) throws ConfigException {
        if (config.list("columns").isEmpty()) {
            throw new ConfigException("columns", "list at least one column");
        }
        String mask = config.string("char");
        if (mask.codePointCount(0, mask.length()) != 1) {
            throw new ConfigException("char", "must be exactly one character, not '" + mask + "'");
        }
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        check(config);
        List<String> columns = config.list("columns");
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            var position = input.indexOf(columns.get(i));
            if (position.isEmpty()) {
                throw new ConfigException("columns[" + i + "]",
                        "no column '" + columns.get(i) + "' in " + input.names());
            }
            positions[i] = position.getAsInt();
            LogicalType type = input.field(positions[i]).type();
            if (type.kind() != LogicalType.Kind.STRING) {
                throw new ConfigException("columns[" + i + "]",
                        "'" + columns.get(i) + "' is " + type + "; only string columns can be masked");
            }
        }
        return new MaskStep(input, positions, config.integer("keep_first", 0), config.integer("keep_last", 0),
                config.string("char").codePointAt(0));
    }
}

package io.arus.transform.select;

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
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Keeps only the listed columns, in the order listed. */
@Component(service = Transform.class)
@TransformType(SelectTransform.TYPE)
public final class SelectTransform implements Transform {
    static final String TYPE = "select";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("columns", FieldType.LIST).label("Columns to keep").required()
                    .help("The columns that go on, in this order; every other column is dropped.").build());

    private static final TypeDescriptor DESCRIPTOR = new TypeDescriptor(TYPE, "Select columns", "1.0.0",
            "Keeps only the listed columns, in the order given.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(Config config) throws ConfigException {
        List<String> columns = config.list("columns");
        if (columns.isEmpty()) {
            throw new ConfigException("columns", "list at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                throw new ConfigException("columns", "'" + column + "' is listed twice");
            }
        }
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        check(config);
        List<String> columns = config.list("columns");
        int[] positions = new int[columns.size()];
        List<ConfigViolation> violations = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            var position = input.indexOf(columns.get(i));
            if (position.isEmpty()) {
                violations.add(new ConfigViolation("columns[" + i + "]",
                        "no column '" + columns.get(i) + "' in " + input.names()));
            } else {
                positions[i] = position.getAsInt();
            }
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return new ProjectStep(input, positions);
    }
}

package io.arus.transform.drop;

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

/** Removes the listed columns; the others keep their order. */
@Component(service = Transform.class)
@TransformType(DropTransform.TYPE)
public final class DropTransform implements Transform {
    static final String TYPE = "drop";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("columns", FieldType.LIST).label("Columns to drop").required()
                    .help("The columns removed from every row; the others keep their order.").build());

    private static final TypeDescriptor DESCRIPTOR = new TypeDescriptor(TYPE, "Drop columns", "1.0.0",
            "Removes the listed columns from every row.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(Config config) throws ConfigException {
        if (config.list("columns").isEmpty()) {
            throw new ConfigException("columns", "list at least one column");
        }
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        check(config);
        List<String> columns = config.list("columns");
        List<ConfigViolation> violations = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            if (input.indexOf(columns.get(i)).isEmpty()) {
                violations.add(new ConfigViolation("columns[" + i + "]",
                        "no column '" + columns.get(i) + "' in " + input.names()));
            }
            dropped.add(columns.get(i));
        }
        if (dropped.size() == input.size()) {
            violations.add(new ConfigViolation("columns", "dropping every column leaves nothing to write"));
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        int[] kept = new int[input.size() - dropped.size()];
        int k = 0;
        for (int i = 0; i < input.size(); i++) {
            if (!dropped.contains(input.field(i).name())) {
                kept[k++] = i;
            }
        }
        return new ProjectStep(input, kept);
    }
}

package io.arus.transform.concat;

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
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Joins the text of several columns into one string column, new or existing. */
@Component(service = Transform.class)
@TransformType(ConcatTransform.TYPE)
public final class ConcatTransform implements Transform {
    static final String TYPE = "concat";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("columns", FieldType.LIST).label("Columns").required()
                    .help("The columns joined, in this order; non-text values are written as text.").build(),
            ConfigField.builder("separator", FieldType.TEXT).label("Separator").defaultValue("")
                    .help("Put between two parts, e.g. a space or ', '.").build(),
            ConfigField.builder("into", FieldType.STRING).label("Into column").required()
                    .help("The result column: a new one is added at the end, an existing one is replaced.").build(),
            ConfigField.builder("skip_nulls", FieldType.BOOLEAN).label("Skip nulls").defaultValue(true)
                    .help("On: NULL parts are left out. Off: the result is NULL when any part is NULL.").build(),
            ConfigField.builder("drop_sources", FieldType.BOOLEAN).label("Drop source columns").defaultValue(false)
                    .help("Remove the joined columns (except the result column) from the output.").build());

    private static final TypeDescriptor DESCRIPTOR = new TypeDescriptor(TYPE, "Concatenate", "1.0.0",
            "Joins several columns into one text column with a separator.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(Config config) throws ConfigException {
        if (config.list("columns").isEmpty()) {
            throw new ConfigException("columns", "list at least one column");
        }
        if (config.string("into").isBlank()) {
            throw new ConfigException("into", "name the result column");
        }
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        check(config);
        List<String> columns = config.list("columns");
        String into = config.string("into");
        int[] parts = new int[columns.size()];
        Set<Integer> sources = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            var position = input.indexOf(columns.get(i));
            if (position.isEmpty()) {
                throw new ConfigException("columns[" + i + "]",
                        "no column '" + columns.get(i) + "' in " + input.names());
            }
            parts[i] = position.getAsInt();
            sources.add(parts[i]);
        }
        boolean dropSources = config.bool("drop_sources", false);
        List<Field> fields = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        int target = -1;
        for (int i = 0; i < input.size(); i++) {
            Field field = input.field(i);
            if (field.name().equals(into)) {
                target = fields.size();
                fields.add(Field.of(into, LogicalType.STRING, true));
                kept.add(-1);
            } else if (!(dropSources && sources.contains(i))) {
                fields.add(field);
                kept.add(i);
            }
        }
        if (target < 0) {
            target = fields.size();
            fields.add(Field.of(into, LogicalType.STRING, true));
            kept.add(-1);
        }
        return new ConcatStep(Schema.of(fields), kept.stream().mapToInt(Integer::intValue).toArray(), target, parts,
                columns, config.string("separator", ""), config.bool("skip_nulls", true));
    }
}

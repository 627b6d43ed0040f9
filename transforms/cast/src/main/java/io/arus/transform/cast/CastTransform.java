package io.arus.transform.cast;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Casts columns to other logical types. A value that does not fit rejects its row with the reason, or becomes
 * NULL, per {@code on_error}.
 */
@Component(service = Transform.class)
@TransformType(CastTransform.TYPE)
public final class CastTransform implements Transform {
    static final String TYPE = "cast";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("columns", FieldType.MAP).label("Column types").required()
                    .help("Column to its new type, e.g. {\"price\": \"decimal(12,2)\", \"born\": \"date\"}. Types: "
                            + "boolean, int16, int32, int64, float32, float64, decimal(p,s), string, bytes, date, "
                            + "time, timestamp, timestamptz, uuid, json.").build(),
            ConfigField.builder("formats", FieldType.MAP).label("Date/time formats")
                    .help("Column to a java.time pattern (e.g. dd.MM.yyyy) used to read text as a date/time, or "
                            + "to write a date/time as text. Without one, ISO-8601 is used.").build(),
            ConfigField.builder("on_error", FieldType.ENUM).label("When a value does not fit")
                    .options("reject", "null").defaultValue("reject")
                    .help("reject: the row goes to dead letters with the reason; null: the value becomes NULL.")
                    .build());

    private static final TypeDescriptor DESCRIPTOR = new TypeDescriptor(TYPE, "Cast", "1.0.0",
            "Converts columns to other types, with date/time formats and decimal precision.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(Config config) throws ConfigException {
        types(config);
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        Map<String, LogicalType> types = types(config);
        Map<String, String> formats = config.map("formats");
        boolean toNull = "null".equals(config.string("on_error"));
        List<ConfigViolation> violations = new ArrayList<>();
        List<Field> fields = new ArrayList<>(input.fields());
        int[] positions = new int[types.size()];
        Conversion[] conversions = new Conversion[types.size()];
        int k = 0;
        for (Map.Entry<String, LogicalType> entry : types.entrySet()) {
            String column = entry.getKey();
            var position = input.indexOf(column);
            if (position.isEmpty()) {
                violations.add(new ConfigViolation("columns." + column, "no column '" + column + "' in "
                        + input.names()));
                continue;
            }
            Field field = input.field(position.getAsInt());
            LogicalType target = entry.getValue();
            if (!Conversion.supports(field.type().kind(), target.kind())) {
                violations.add(new ConfigViolation("columns." + column, "cannot cast " + field.type() + " to "
                        + target));
                continue;
            }
            positions[k] = position.getAsInt();
            String pattern = formats.get(column);
            conversions[k++] = new Conversion(target, pattern == null ? null : DateTimeFormatter.ofPattern(pattern));
            fields.set(position.getAsInt(), new Field(column, target, field.nullable() || toNull, ""));
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return new CastStep(Schema.of(fields), positions, conversions, toNull);
    }

    /** Parses the types and checks the formats, naming each bad entry. */
    private static Map<String, LogicalType> types(Config config) throws ConfigException {
        List<ConfigViolation> violations = new ArrayList<>();
        Map<String, LogicalType> types = new LinkedHashMap<>();
        Map<String, String> columns = config.map("columns");
        if (columns.isEmpty()) {
            violations.add(new ConfigViolation("columns", "name at least one column and its type"));
        }
        for (Map.Entry<String, String> entry : columns.entrySet()) {
            try {
                LogicalType type = LogicalType.parse(entry.getValue());
                if (type.kind() == LogicalType.Kind.ARRAY || type.kind() == LogicalType.Kind.STRUCT) {
                    violations.add(new ConfigViolation("columns." + entry.getKey(), "cannot cast to " + type));
                } else {
                    types.put(entry.getKey(), type);
                }
            } catch (IllegalArgumentException e) {
                violations.add(new ConfigViolation("columns." + entry.getKey(), e.getMessage()));
            }
        }
        for (Map.Entry<String, String> entry : config.map("formats").entrySet()) {
            if (!columns.containsKey(entry.getKey())) {
                violations.add(new ConfigViolation("formats." + entry.getKey(),
                        "'" + entry.getKey() + "' is not cast; add it to columns"));
                continue;
            }
            try {
                DateTimeFormatter.ofPattern(entry.getValue());
            } catch (IllegalArgumentException e) {
                violations.add(new ConfigViolation("formats." + entry.getKey(),
                        "not a valid date/time pattern: " + e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return types;
    }
}

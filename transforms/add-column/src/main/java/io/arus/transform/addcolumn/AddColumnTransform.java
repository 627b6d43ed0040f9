package io.arus.transform.addcolumn;

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
import io.arus.transform.expression.Expression;
import io.arus.transform.expression.ExpressionEngine;
import io.arus.transform.expression.ExpressionException;
import io.arus.transform.expression.ValueConversion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * Adds a column at the end of each row: a constant {@code value}, or an {@code expression} over the row's columns
 * (see the expression sandbox), converted to the declared {@code type}. A row whose expression fails is rejected.
 */
@Component(service = Transform.class)
@TransformType(AddColumnTransform.TYPE)
public final class AddColumnTransform implements Transform {
    static final String TYPE = "add_column";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("name", FieldType.STRING).label("Column name").required()
                    .help("The new column's name; it must not exist in the input.").build(),
            ConfigField.builder("value", FieldType.STRING).label("Constant value")
                    .help("The same value on every row, converted to the type. Give this or an expression.").build(),
            ConfigField.builder("expression", FieldType.EXPRESSION).label("Expression")
                    .help("Computed per row, e.g. str:upper(name) or math:round(price * qty, 2). "
                            + "Give this or a constant value.").build(),
            ConfigField.builder("type", FieldType.STRING).label("Type").defaultValue("string")
                    .help("The column's logical type, e.g. string, int64, decimal(12,2), date, timestamptz.")
                    .build());

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "Add column", bundleVersion(),
            "Adds a column holding a constant or the value of an expression over the row.", "plus", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void check(Config config) throws ConfigException {
        settings(config, null);
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        Settings settings = settings(config, input.names());
        if (input.indexOf(settings.name).isPresent()) {
            throw new ConfigException("name", "the input already has a column '" + settings.name + "'");
        }
        return new AddColumnStep(input, Field.of(settings.name, settings.type, true), settings.expression,
                settings.constant);
    }

    private static Settings settings(Config config, List<String> columns) throws ConfigException {
        List<ConfigViolation> violations = new ArrayList<>();
        String name = config.string("name");
        if (name == null || name.isBlank()) {
            violations.add(new ConfigViolation("name", "is required"));
        }
        boolean hasValue = config.has("value");
        boolean hasExpression = config.has("expression");
        if (hasValue == hasExpression) {
            violations.add(new ConfigViolation(hasValue ? "value" : "expression",
                    hasValue ? "give either a value or an expression, not both" : "give a value or an expression"));
        }
        LogicalType type = null;
        try {
            type = LogicalType.parse(config.string("type", "string"));
            if (!ValueConversion.supports(type)) {
                violations.add(new ConfigViolation("type", "an added column cannot be of type " + type));
                type = null;
            }
        } catch (IllegalArgumentException e) {
            violations.add(new ConfigViolation("type", e.getMessage()));
        }
        Object constant = null;
        if (hasValue && type != null) {
            try {
                constant = ValueConversion.to(type, config.string("value"));
            } catch (ExpressionException e) {
                violations.add(new ConfigViolation("value", e.getMessage()));
            }
        }
        Expression expression = null;
        if (hasExpression) {
            try {
                expression = new ExpressionEngine(Instant.now()).compile(config.string("expression"), columns);
            } catch (ExpressionException e) {
                violations.add(new ConfigViolation("expression", e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return new Settings(name, type, expression, constant);
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(AddColumnTransform.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }

    private record Settings(String name, LogicalType type, Expression expression, Object constant) {
    }
}

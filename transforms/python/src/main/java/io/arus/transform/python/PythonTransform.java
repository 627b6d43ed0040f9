package io.arus.transform.python;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.transform.Transform;
import io.arus.api.transform.TransformContext;
import io.arus.api.transform.TransformException;
import io.arus.api.transform.TransformStep;
import io.arus.api.transform.TransformType;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code python} transform: the step's {@code transform(rows)} runs in a {@code python3} runner process that Arus
 * starts per stream and run, with only the configured environment.
 */
@Component(service = Transform.class)
@TransformType("python")
public final class PythonTransform implements Transform {
    static final String CODE = "code";
    static final String COLUMNS = "columns";
    static final String ENVIRONMENT = "environment";
    static final String TIMEOUT = "timeout_seconds";
    private static final Pattern DEFINES_TRANSFORM = Pattern.compile("(?m)^def\\s+transform\\s*\\(");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final TypeDescriptor DESCRIPTOR = new TypeDescriptor("python", "Python",
            "1.0.0", "Runs transform(rows) written in Python on each batch, in a separate python3 process", "",
            ConfigSpec.of(
                    ConfigField.builder(CODE, FieldType.TEXT).label("Code").required()
                            .help("Python source defining transform(rows): takes a list of dicts (column name to "
                                    + "value) and returns a list of dicts").build(),
                    ConfigField.builder(COLUMNS, FieldType.MAP).label("New or retyped columns")
                            .help("Column name to type (int64, decimal(12,2), date...) for each key transform "
                                    + "returns that is not an input column, or whose type changes").build(),
                    ConfigField.builder(ENVIRONMENT, FieldType.MAP).label("Environment")
                            .help("The only environment variables the runner gets (plus PATH and LANG)").build(),
                    ConfigField.builder(TIMEOUT, FieldType.INT).label("Timeout per batch (s)").defaultValue(60)
                            .range(1, 3600).help("A batch that takes longer fails the run").build()));

    @Override
    public TypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Refuses empty code, code without {@code def transform(}, unknown column types and bad variable names. */
    @Override
    public void check(Config config) throws ConfigException {
        List<ConfigViolation> violations = new ArrayList<>();
        String code = config.string(CODE, "");
        if (code.isBlank()) {
            violations.add(new ConfigViolation(CODE, "is empty; define transform(rows)"));
        } else if (!DEFINES_TRANSFORM.matcher(code).find()) {
            violations.add(new ConfigViolation(CODE, "defines no function transform(rows) at the top level"));
        }
        columnTypes(config, violations);
        for (String name : config.map(ENVIRONMENT).keySet()) {
            if (!VARIABLE.matcher(name).matches()) {
                violations.add(new ConfigViolation(ENVIRONMENT + "." + name,
                        "is not a variable name (letters, digits and '_', not starting with a digit)"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
    }

    private static Map<String, LogicalType> columnTypes(Config config, List<ConfigViolation> violations) {
        Map<String, LogicalType> types = new LinkedHashMap<>();
        config.map(COLUMNS).forEach((name, type) -> {
            try {
                types.put(name, LogicalType.parse(type));
            } catch (IllegalArgumentException e) {
                violations.add(new ConfigViolation(COLUMNS + "." + name, e.getMessage()));
            }
        });
        return types;
    }

    /**
     * Starts the runner and loads the code in it.
     *
     * @throws ConfigException on {@code code} when the code does not run (a syntax error: the traceback), or when
     *                         python3 cannot be started
     */
    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        check(config);
        Schema output = outputSchema(input, columnTypes(config, new ArrayList<>()));
        int timeout = config.integer(TIMEOUT, 60);
        RunnerProcess runner;
        try {
            runner = RunnerProcess.start(config.map(ENVIRONMENT), context);
        } catch (TransformException e) {
            throw new ConfigException(CODE, e.getMessage());
        }
        PythonStep step = new PythonStep(runner, input, output, timeout);
        try {
            String error = step.handshake(config.string(CODE));
            if (error != null) {
                throw new ConfigException(CODE, "does not load:\n" + error);
            }
        } catch (TransformException e) {
            step.close();
            throw new ConfigException(CODE, e.getMessage());
        } catch (ConfigException e) {
            step.close();
            throw e;
        }
        context.log(Level.INFO, "python step on " + context.stream() + " started (runner pid " + runner.pid() + ")");
        return step;
    }

    /**
     * @param input   the input schema
     * @param columns the declared columns
     * @return the input columns, those declared retyped in place, then the new declared columns
     */
    static Schema outputSchema(Schema input, Map<String, LogicalType> columns) {
        List<Field> fields = new ArrayList<>();
        for (Field field : input.fields()) {
            LogicalType retyped = columns.get(field.name());
            fields.add(retyped == null ? field : Field.of(field.name(), retyped, true));
        }
        columns.forEach((name, type) -> {
            if (input.indexOf(name).isEmpty()) {
                fields.add(Field.of(name, type, true));
            }
        });
        return Schema.of(fields);
    }
}

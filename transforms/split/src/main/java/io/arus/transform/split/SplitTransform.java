package io.arus.transform.split;

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
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * Splits a string column at a literal {@code separator} or a regular expression {@code pattern}, into new string
 * columns ({@code into}) or one {@code array<string>} column ({@code as_array}).
 */
@Component(service = Transform.class)
@TransformType(SplitTransform.TYPE)
public final class SplitTransform implements Transform {
    static final String TYPE = "split";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("column", FieldType.STRING).label("Column").required()
                    .help("The string column to split.").build(),
            ConfigField.builder("separator", FieldType.STRING).label("Separator")
                    .help("Split at this exact text, e.g. ',' or ' - '. Give this or a pattern.").build(),
            ConfigField.builder("pattern", FieldType.STRING).label("Pattern")
                    .help("Split at matches of this regular expression, e.g. '\\s*[,;]\\s*'. "
                            + "Give this or a separator.").build(),
            ConfigField.builder("into", FieldType.LIST).label("Into columns").required()
                    .help("The new columns, in order: part 1 goes to the first. With 'as array', one name.").build(),
            ConfigField.builder("keep_rest", FieldType.BOOLEAN).label("Keep the rest in the last column")
                    .defaultValue(false)
                    .help("When there are more parts than columns, the last column keeps the unsplit rest "
                            + "instead of dropping the extra parts.").build(),
            ConfigField.builder("as_array", FieldType.BOOLEAN).label("As an array").defaultValue(false)
                    .help("Put all parts into one array<string> column named by 'into'.").build(),
            ConfigField.builder("drop_source", FieldType.BOOLEAN).label("Drop the source column")
                    .defaultValue(false).help("Remove the split column from the output.").build());

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "Split", bundleVersion(),
            "Splits a text column at a separator or a pattern into new columns or an array.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void check(Config config) throws ConfigException {
        settings(config);
    }

    @Override
    public TransformStep open(Config config, Schema input, TransformContext context) throws ConfigException {
        Settings settings = settings(config);
        int source = input.indexOf(settings.column).orElseThrow(() -> new ConfigException("column",
                "the input has no column '" + settings.column + "'"));
        LogicalType.Kind kind = input.field(source).type().kind();
        if (kind != LogicalType.Kind.STRING && kind != LogicalType.Kind.JSON) {
            throw new ConfigException("column", "'" + settings.column + "' is " + input.field(source).type()
                    + "; split needs a string column (cast it first)");
        }
        for (String name : settings.into) {
            boolean replacesSource = name.equals(settings.column) && config.bool("drop_source", false);
            if (input.indexOf(name).isPresent() && !replacesSource) {
                throw new ConfigException("into", "the input already has a column '" + name + "'");
            }
        }
        return new SplitStep(input, source, settings.pattern, settings.into, config.bool("keep_rest", false),
                config.bool("as_array", false), config.bool("drop_source", false));
    }

    private static Settings settings(Config config) throws ConfigException {
        List<ConfigViolation> violations = new ArrayList<>();
        String column = config.string("column");
        if (column == null || column.isBlank()) {
            violations.add(new ConfigViolation("column", "is required"));
        }
        Pattern pattern = null;
        boolean hasSeparator = config.has("separator");
        if (hasSeparator == config.has("pattern")) {
            violations.add(new ConfigViolation(hasSeparator ? "pattern" : "separator",
                    hasSeparator ? "give either a separator or a pattern, not both" : "give a separator or a pattern"));
        } else if (hasSeparator) {
            String separator = config.string("separator");
            if (separator.isEmpty()) {
                violations.add(new ConfigViolation("separator", "must not be empty"));
            } else {
                pattern = Pattern.compile(Pattern.quote(separator));
            }
        } else {
            try {
                pattern = Pattern.compile(config.string("pattern"));
                if (pattern.matcher("").matches()) {
                    violations.add(new ConfigViolation("pattern", "must not match the empty text"));
                }
            } catch (PatternSyntaxException e) {
                violations.add(new ConfigViolation("pattern", "not a valid regular expression: "
                        + e.getDescription() + " at index " + e.getIndex()));
            }
        }
        List<String> into = config.list("into");
        if (into.isEmpty()) {
            violations.add(new ConfigViolation("into", "name at least one column"));
        } else if (new LinkedHashSet<>(into).size() != into.size()) {
            violations.add(new ConfigViolation("into", "a column is listed twice"));
        } else if (config.bool("as_array", false) && into.size() != 1) {
            violations.add(new ConfigViolation("into", "with as_array, name exactly one column"));
        }
        if (config.bool("as_array", false) && config.bool("keep_rest", false)) {
            violations.add(new ConfigViolation("keep_rest", "does not apply with as_array (an array keeps every part)"));
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return new Settings(column, pattern, into);
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(SplitTransform.class);
        return bundle == null ? "1.0.0" : bundle.getVersion().toString();
    }

    private record Settings(String column, Pattern pattern, List<String> into) {
    }
}

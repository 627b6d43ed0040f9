package io.arus.transform.replace;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.osgi.service.component.annotations.Component;

/** Replaces text in string columns: every occurrence of an exact text or of a regular expression. */
@Component(service = Transform.class)
@TransformType(ReplaceTransform.TYPE)
public final class ReplaceTransform implements Transform {
    static final String TYPE = "replace";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("columns", FieldType.LIST).label("Columns").required()
                    .help("The string columns to change.").build(),
            ConfigField.builder("mode", FieldType.ENUM).label("Match").options("exact", "regex").defaultValue("exact")
                    .help("exact: the pattern is plain text; regex: a Java regular expression.").build(),
            ConfigField.builder("pattern", FieldType.STRING).label("Find").required()
                    .help("What to find; every occurrence is replaced.").build(),
            ConfigField.builder("replacement", FieldType.TEXT).label("Replace with").defaultValue("")
                    .help("The new text; in regex mode $1, $2... insert the groups.").build(),
            ConfigField.builder("ignore_case", FieldType.BOOLEAN).label("Ignore case").defaultValue(false)
                    .help("Match regardless of upper or lower case.").build());

    private static final TypeDescriptor DESCRIPTOR = new TypeDescriptor(TYPE, "Replace text", "1.0.0",
            "Replaces an exact text or a regular expression in string columns.", "transform", SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void check(Config config) throws ConfigException {
        if (config.list("columns").isEmpty()) {
            throw new ConfigException("columns", "list at least one column");
        }
        Pattern pattern = compile(config);
        if (isRegex(config)) {
            String problem = replacementProblem(config.string("replacement", ""), pattern);
            if (problem != null) {
                throw new ConfigException("replacement", "not a valid replacement: " + problem);
            }
        }
    }

    /** Checks the group references of a regex replacement ($1, ${name}) against the pattern's groups. */
    static String replacementProblem(String replacement, Pattern pattern) {
        int groups = pattern.matcher("").groupCount();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\') {
                if (++i == replacement.length()) {
                    return "a trailing backslash escapes nothing";
                }
            } else if (c == '$') {
                if (i + 1 == replacement.length()) {
                    return "'$' at the end names no group (write \\$ for a dollar sign)";
                }
                char next = replacement.charAt(i + 1);
                if (next == '{') {
                    int end = replacement.indexOf('}', i);
                    String name = end < 0 ? "" : replacement.substring(i + 2, end);
                    if (end < 0 || !pattern.pattern().contains("(?<" + name + ">")) {
                        return "no group named '" + name + "' in the pattern";
                    }
                    i = end;
                } else if (next >= '0' && next <= '9') {
                    if (next - '0' > groups) {
                        return "$" + next + " but the pattern has " + groups + " group(s)";
                    }
                    i++;
                } else {
                    return "'$' must be followed by a group number or {name} (write \\$ for a dollar sign)";
                }
            }
        }
        return null;
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
                        "'" + columns.get(i) + "' is " + type + "; replace works on string columns (cast it first)");
            }
        }
        String replacement = config.string("replacement", "");
        return new ReplaceStep(input, positions, compile(config),
                isRegex(config) ? replacement : Matcher.quoteReplacement(replacement));
    }

    private static boolean isRegex(Config config) {
        return "regex".equals(config.string("mode"));
    }

    private static Pattern compile(Config config) throws ConfigException {
        int flags = config.bool("ignore_case", false) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        if (!isRegex(config)) {
            flags |= Pattern.LITERAL;
        }
        try {
            return Pattern.compile(config.string("pattern"), flags);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("pattern", "not a valid regular expression at position " + e.getIndex()
                    + ": " + e.getDescription());
        }
    }
}

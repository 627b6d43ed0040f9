package io.arus.transform.hash;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * Replaces each listed column by the lower-case hex SHA-256 of the salt's UTF-8 bytes followed by the value's
 * UTF-8 text (see {@link HashStep#text}); NULL stays NULL. The salt is a secret, one per pipeline.
 */
@Component(service = Transform.class)
@TransformType(HashTransform.TYPE)
public final class HashTransform implements Transform {
    static final String TYPE = "hash";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("columns", FieldType.LIST).label("Columns").required()
                    .help("The columns to replace by their hash; each becomes a string column.").build(),
            ConfigField.builder("salt", FieldType.SECRET).label("Salt").required()
                    .help("A secret prepended to every value before hashing, so that hashes cannot be looked up. "
                            + "Stored sealed; keep it the same to keep hashes comparable across runs.").build());

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "Hash", bundleVersion(),
            "Replaces columns by the SHA-256 of a secret salt and the value, as lower-case hex.", "transform", SPEC);

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
        List<String> columns = settings(config);
        int[] indexes = new int[columns.size()];
        for (int i = 0; i < indexes.length; i++) {
            String name = columns.get(i);
            indexes[i] = input.indexOf(name).orElseThrow(() -> new ConfigException("columns",
                    "the input has no column '" + name + "'"));
        }
        return new HashStep(input, indexes, config.string("salt").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> settings(Config config) throws ConfigException {
        List<ConfigViolation> violations = new ArrayList<>();
        List<String> columns = config.list("columns");
        if (columns.isEmpty()) {
            violations.add(new ConfigViolation("columns", "name at least one column"));
        } else if (new LinkedHashSet<>(columns).size() != columns.size()) {
            violations.add(new ConfigViolation("columns", "a column is listed twice"));
        }
        String salt = config.string("salt");
        if (salt == null || salt.isEmpty()) {
            violations.add(new ConfigViolation("salt", "salt is required"));
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return columns;
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(HashTransform.class);
        return bundle == null ? "1.0.0" : bundle.getVersion().toString();
    }
}

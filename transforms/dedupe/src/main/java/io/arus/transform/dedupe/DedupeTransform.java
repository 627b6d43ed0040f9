package io.arus.transform.dedupe;

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
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps, within one run, the last row per {@code key} ordered by {@code order_by}; see {@link DedupeStep} for
 * how rows are held across batches. Dropped duplicates are counted as filtered.
 */
@Component(service = Transform.class)
@TransformType(DedupeTransform.TYPE)
public final class DedupeTransform implements Transform {
    static final String TYPE = "dedupe";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("key", FieldType.LIST).label("Key columns").required()
                    .help("Rows with equal values in these columns are duplicates (NULL equals NULL).").build(),
            ConfigField.builder("order_by", FieldType.STRING).label("Order by").required()
                    .help("Of duplicates, the row with the greatest value here is kept (NULL is the least); "
                            + "on a tie within a batch the later row wins.").build(),
            ConfigField.builder("max_keys", FieldType.INT).label("Most keys per run").defaultValue(1_000_000)
                    .range(1, 100_000_000)
                    .help("The step remembers each key written in the run; past this many the run fails "
                            + "rather than use unbounded memory.").build());

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "Dedupe", bundleVersion(),
            "Keeps the last row per key within a run, ordered by a column.", "transform", SPEC);

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
        List<String> key = settings(config);
        int[] keyIndexes = new int[key.size()];
        for (int i = 0; i < keyIndexes.length; i++) {
            String name = key.get(i);
            keyIndexes[i] = input.indexOf(name).orElseThrow(() -> new ConfigException("key",
                    "the input has no column '" + name + "'"));
        }
        String orderBy = config.string("order_by");
        int order = input.indexOf(orderBy).orElseThrow(() -> new ConfigException("order_by",
                "the input has no column '" + orderBy + "'"));
        LogicalType.Kind kind = input.field(order).type().kind();
        if (kind == LogicalType.Kind.BYTES || kind == LogicalType.Kind.ARRAY || kind == LogicalType.Kind.STRUCT) {
            throw new ConfigException("order_by", "'" + orderBy + "' is " + input.field(order).type()
                    + ", which has no order");
        }
        return new DedupeStep(input, keyIndexes, order, config.integer("max_keys", 1_000_000));
    }

    private static List<String> settings(Config config) throws ConfigException {
        List<ConfigViolation> violations = new ArrayList<>();
        List<String> key = config.list("key");
        if (key.isEmpty()) {
            violations.add(new ConfigViolation("key", "name at least one column"));
        } else if (new LinkedHashSet<>(key).size() != key.size()) {
            violations.add(new ConfigViolation("key", "a column is listed twice"));
        }
        String orderBy = config.string("order_by");
        if (orderBy == null || orderBy.isBlank()) {
            violations.add(new ConfigViolation("order_by", "is required"));
        }
        if (config.integer("max_keys", 1_000_000) < 1) {
            violations.add(new ConfigViolation("max_keys", "must be at least 1"));
        }
        if (!violations.isEmpty()) {
            throw new ConfigException(violations);
        }
        return key;
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(DedupeTransform.class);
        return bundle == null ? "1.0.0" : bundle.getVersion().toString();
    }
}

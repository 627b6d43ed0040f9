package io.arus.connector.generator;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ConnectorType;
import io.arus.api.plugin.TypeDescriptor;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * A source of deterministic synthetic rows, for demos, tests and benchmarks. Every table has the same columns,
 * one per logical type, an {@code id} primary key and an {@code updated_at} cursor.
 */
@Component(service = Connector.class)
@ConnectorType(GeneratorConnector.TYPE)
public final class GeneratorConnector implements Connector {
    static final String TYPE = "generator";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("tables", FieldType.INT).label("Tables").defaultValue(1).range(1, 1000)
                    .help("How many tables to generate, named table_1, table_2, ...").build(),
            ConfigField.builder("rows", FieldType.INT).label("Rows per table").defaultValue(1000).range(0, 2_000_000_000L)
                    .help("Rows per table. Raise it between runs to make an incremental run find new rows.").build(),
            ConfigField.builder("seed", FieldType.INT).label("Seed").defaultValue(42)
                    .help("The same seed always gives the same rows.").build());

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "Generator", bundleVersion(),
            "Deterministic synthetic rows covering every logical type, for demos, tests and benchmarks.", "sparkles",
            SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SOURCE, Capability.INCREMENTAL, Capability.SPLITS);
    }

    @Override
    public ConnectorSession open(Config config) {
        return new GeneratorSession(config.integer("tables", 1), config.number("rows", 1000), config.number("seed", 42));
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(GeneratorConnector.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}

package io.arus.connector.clickhouse;

import io.arus.api.config.Config;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ConnectorType;
import io.arus.api.plugin.TypeDescriptor;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * ClickHouse as a destination, over its HTTP interface: upserts into ReplacingMergeTree tables, appends, full
 * refreshes swapped in atomically, a raw zone that expires, soft deletes as tombstones, inserts as Native
 * blocks (RowBinary rows where a table has Array or LowCardinality columns).
 */
@Component(service = Connector.class)
@ConnectorType(ClickHouseConnector.TYPE)
public final class ClickHouseConnector implements Connector {
    static final String TYPE = "clickhouse";

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "ClickHouse", bundleVersion(),
            "Writes into ClickHouse over HTTP: ReplacingMergeTree upserts, Native and RowBinary inserts, atomic full "
                    + "refreshes.",
            "database", ClickHouseSettings.SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.DESTINATION, Capability.UPSERT, Capability.SQL_MODELS);
    }

    @Override
    public ConnectorSession open(Config config) {
        return new ClickHouseSession(ClickHouseSettings.from(config), Clock.systemUTC());
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(ClickHouseConnector.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}

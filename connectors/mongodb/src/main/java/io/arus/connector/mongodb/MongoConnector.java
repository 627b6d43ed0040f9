package io.arus.connector.mongodb;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
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
 * MongoDB as a source: every collection of one database is a stream whose columns are inferred from a sample of
 * its documents, read fully by {@code _id} keyset or incrementally by (cursor, {@code _id}) keyset.
 */
@Component(service = Connector.class)
@ConnectorType(MongoConnector.TYPE)
public final class MongoConnector implements Connector {
    static final String TYPE = "mongodb";

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "MongoDB", bundleVersion(),
            "Reads MongoDB collections fully or incrementally, with columns inferred from a sample of documents.",
            "database", MongoSettings.SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SOURCE, Capability.INCREMENTAL);
    }

    @Override
    public ConnectorSession open(Config config) throws ConfigException {
        return new MongoSession(MongoSettings.from(config));
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(MongoConnector.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}

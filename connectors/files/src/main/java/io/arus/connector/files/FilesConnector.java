package io.arus.connector.files;

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
 * Files in a local folder or S3-compatible object storage, as Parquet, CSV or JSON Lines: a destination that writes
 * Hive-style partitions, rolled files and a manifest per table, in append or replace mode (not upsert: files are
 * not updated in place); and a source that reads such files by glob, one stream per top folder, with columns given
 * or inferred from a sample, incrementally by file (new or changed files only), unreadable records to dead letters.
 */
@Component(service = Connector.class)
@ConnectorType(FilesConnector.TYPE)
public final class FilesConnector implements Connector {
    static final String TYPE = "files";
    static final String UPSERT_REFUSED = "files cannot be updated by key: write_mode upsert is not supported by the"
            + " files destination; use append (new files per run) or replace (a new set of files per run)";

    private final TypeDescriptor descriptor = new TypeDescriptor(TYPE, "Files and S3", bundleVersion(),
            "Parquet, CSV or JSON Lines in a local folder or S3-compatible storage: partitions, rolled files, a manifest;"
                    + " read back by glob, incrementally by file.",
            "folder", FilesSettings.SPEC);

    @Override
    public TypeDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SOURCE, Capability.INCREMENTAL, Capability.DESTINATION);
    }

    @Override
    public ConnectorSession open(Config config) throws ConfigException {
        return new FilesSession(FilesSettings.from(config));
    }

    private static String bundleVersion() {
        var bundle = FrameworkUtil.getBundle(FilesConnector.class);
        return bundle == null ? "0.0.0" : bundle.getVersion().toString();
    }
}

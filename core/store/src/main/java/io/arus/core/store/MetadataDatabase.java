package io.arus.core.store;

import org.osgi.annotation.versioning.ProviderType;

/** Facts about the metadata database, for health and diagnostics. */
@ProviderType
public interface MetadataDatabase {
    /** @return {@code h2} or {@code postgresql} */
    String dialect();

    /** @return the JDBC URL without credentials */
    String url();

    /** @return the schema version the migrations brought the database to */
    int schemaVersion();
}

package io.arus.core.store;

import javax.sql.DataSource;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Facts about the metadata database, for health and diagnostics, and its connection pool for the few components
 * that keep their own tables in it (the scheduler's Quartz job store).
 */
@ProviderType
public interface MetadataDatabase {
    /** @return {@code h2} or {@code postgresql} */
    String dialect();

    /**
     * @return whether this server runs as a node of a cluster ({@code ARUS_CLUSTER=true}, only on PostgreSQL): the
     *         schedules then fire once across the nodes, and the runs of a node that dies resume on another
     * @since 2.2
     */
    boolean clustered();

    /** @return the JDBC URL without credentials */
    String url();

    /** @return the schema version the migrations brought the database to */
    int schemaVersion();

    /**
     * The store's connection pool. Borrowers close every connection they take (that returns it to the pool) and
     * never close the pool itself: it lives as long as this service.
     *
     * @return the pool the store itself uses, on the migrated database
     * @since 1.1
     */
    DataSource dataSource();
}

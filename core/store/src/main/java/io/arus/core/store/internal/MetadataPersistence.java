package io.arus.core.store.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.arus.core.store.MetadataDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.config.SystemProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the metadata database: the connection pool, the schema migrations and the entity manager factory, opened
 * on activation and closed on deactivation. The repositories reach it through {@link Transactions}.
 */
@Component(service = {Transactions.class, MetadataDatabase.class}, immediate = true)
public final class MetadataPersistence implements Transactions, MetadataDatabase, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataPersistence.class);
    private static final AtomicInteger OPENED = new AtomicInteger();

    static final String CLUSTER_PROPERTY = "arus.cluster";

    private final DatabaseLocation location;
    private boolean clustered;
    private final HikariDataSource pool;
    private final EntityManagerFactory factory;
    /** The entity manager of the transaction open on this thread, which nested work joins. */
    private final ThreadLocal<EntityManager> open = new ThreadLocal<>();

    /** Opens the database the framework properties (or the environment) name. */
    @Activate
    public MetadataPersistence(BundleContext context) {
        this(DatabaseLocation.resolve(context::getProperty, System::getenv), MetadataPersistence.class.getClassLoader(),
                clusterSetting(context.getProperty(CLUSTER_PROPERTY), System.getenv("ARUS_CLUSTER")));
    }

    /**
     * @return whether cluster mode is asked for: the framework property {@value #CLUSTER_PROPERTY}, else
     *         {@code ARUS_CLUSTER}; {@code true} or {@code false}
     * @throws IllegalArgumentException for any other value
     */
    static boolean clusterSetting(String property, String env) {
        String value = property != null && !property.isBlank() ? property.trim() : env == null ? "" : env.trim();
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw new IllegalArgumentException("ARUS_CLUSTER must be true or false, not '" + value + "'");
        };
    }

    MetadataPersistence(DatabaseLocation location, ClassLoader loader, boolean clustered) {
        this(location, loader);
        if (clustered && location.dialect() != Dialect.POSTGRESQL) {
            close();
            throw new IllegalStateException("ARUS_CLUSTER=true needs a PostgreSQL metadata database shared by the nodes"
                    + " (ARUS_DB_URL=jdbc:postgresql://host:5432/db): the embedded H2 file serves one node only");
        }
        this.clustered = clustered;
    }

    /**
     * Opens a database: connects, migrates the schema, starts JPA.
     *
     * @param loader the class loader of the entity classes (the bundle's)
     */
    MetadataPersistence(DatabaseLocation location, ClassLoader loader) {
        this.location = location;
        LOG.info("metadata database: {}", location);
        H2FileModes.prepareDirectory(location);
        this.pool = HikariPools.open(location);
        try {
            int applied = new Migrator(pool, location.dialect(), loader).migrate();
            H2FileModes.protectFiles(location);
            LOG.info("metadata schema at version {} ({} script(s) applied)", schemaVersion(), applied);
            this.factory = new PersistenceProvider()
                    .createContainerEntityManagerFactory(new MetadataUnit(pool, loader), properties(loader));
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot open the metadata database " + location.safeUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private Map<String, Object> properties(ClassLoader loader) {
        Map<String, Object> properties = new HashMap<>();
        // STACK.md pitfall 9: no weaving in OSGi; resolve entity classes through the bundle's loader
        properties.put(PersistenceUnitProperties.WEAVING, "false");
        properties.put(PersistenceUnitProperties.CLASSLOADER, loader);
        // the Migrator owns the schema
        properties.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE);
        // read from the properties too, not only from the system property its name suggests
        properties.put(SystemProperties.ARCHIVE_FACTORY, NoArchives.class.getName());
        properties.put(PersistenceUnitProperties.TARGET_DATABASE, location.dialect().platformClassName());
        // EclipseLink gives a new factory the deployed session of an open factory with the same session name: a
        // second store opened on another database meanwhile (as tests do) would read the first one's tables
        properties.put(PersistenceUnitProperties.SESSION_NAME, MetadataUnit.NAME + "-" + OPENED.incrementAndGet());
        properties.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
        properties.put(PersistenceUnitProperties.LOGGING_LOGGER, Slf4jSessionLog.class.getName());
        properties.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        // bound values may hold encrypted secrets and password hashes: never in a log line
        properties.put(PersistenceUnitProperties.LOGGING_PARAMETERS, "false");
        // fail on activation, not on the first request, when a mapping is wrong
        properties.put(PersistenceUnitProperties.DEPLOY_ON_STARTUP, "true");
        return properties;
    }

    @Override
    public <T, E extends Exception> T inTransaction(Work<T, E> work) throws E {
        EntityManager joined = open.get();
        if (joined != null) {
            return join(joined, work);
        }
        EntityManager em = factory.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        open.set(em);
        try {
            transaction.begin();
            T result = work.run(em);
            transaction.commit();
            return result;
        } finally {
            open.remove();
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
        }
    }

    private static <T, E extends Exception> T join(EntityManager em, Work<T, E> work) throws E {
        boolean done = false;
        try {
            T result = work.run(em);
            done = true;
            return result;
        } finally {
            if (!done) {
                // a failed part must not be committed by an outer work that catches its exception
                em.getTransaction().setRollbackOnly();
            }
        }
    }

    @Override
    public boolean clustered() {
        return clustered;
    }

    @Override
    public String dialect() {
        return location.dialect().id();
    }

    @Override
    public String url() {
        return location.safeUrl();
    }

    @Override
    public int schemaVersion() {
        try (Connection connection = pool.getConnection()) {
            return Migrator.currentVersion(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the metadata schema version: " + e.getMessage(), e);
        }
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    /** Closes JPA and the pool. */
    @Deactivate
    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            pool.close();
        }
    }
}

package io.arus.core.store.internal;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * The persistence unit, described in code instead of {@code persistence.xml}: in OSGi nothing scans bundles for
 * that file, and an explicit class list needs no scanning at all.
 */
final class MetadataUnit implements PersistenceUnitInfo {
    static final String NAME = "arus-metadata";

    /** Every entity and converter; a new entity is added here. */
    static final List<Class<?>> MANAGED_CLASSES = List.of(
            InstantConverter.class,
            UserEntity.class, ApiTokenEntity.class, RefreshTokenEntity.class,
            ConnectionEntity.class, SourceEntity.class, DestinationEntity.class,
            PipelineEntity.class, PipelineDependencyEntity.class,
            RunEntity.class, RunStreamEntity.class, RunLogEntity.class, RunModelEntity.class,
            StreamOffsetEntity.class, DeadLetterEntity.class, StreamSchemaEntity.class, RunLeaseEntity.class, PendingRunEntity.class, ClusterNodeEntity.class,
            NotificationDeliveryEntity.class,
            NotificationTargetEntity.class, PipelineNotificationEntity.class,
            SettingEntity.class, AuditEntryEntity.class);

    private static final URL ROOT = syntheticRoot();

    private final DataSource dataSource;
    private final ClassLoader loader;

    MetadataUnit(DataSource dataSource, ClassLoader loader) {
        this.dataSource = dataSource;
        this.loader = loader;
    }

    private static URL syntheticRoot() {
        try {
            return new URL(null, "arus-metadata:/", new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) throws IOException {
                    throw new IOException("the metadata persistence unit has no archive");
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getPersistenceUnitName() {
        return NAME;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return PersistenceProvider.class.getName();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        // EclipseLink needs one (it names the session after it) but never opens it: NoArchives answers for it
        return ROOT;
    }

    @Override
    public List<String> getManagedClassNames() {
        return MANAGED_CLASSES.stream().map(Class::getName).toList();
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        // Several nodes, bulk updates and ON DELETE CASCADE change rows behind EclipseLink's back: a shared cache
        // would serve stale users and tokens.
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return loader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // weaving is off: nothing is transformed
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return loader;
    }
}

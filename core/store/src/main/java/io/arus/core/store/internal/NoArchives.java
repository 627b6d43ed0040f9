package io.arus.core.store.internal;

import java.net.URL;
import java.util.Map;
import org.eclipse.persistence.jpa.Archive;
import org.eclipse.persistence.jpa.ArchiveFactory;

/**
 * Tells EclipseLink there is no archive behind the persistence unit, so it looks for no {@code orm.xml} and opens
 * no URL: the entity classes are listed in code, and a bundle URL ({@code bundle://...}) is not something
 * EclipseLink's own factory knows how to read. EclipseLink creates it by class name, hence public.
 */
public final class NoArchives implements ArchiveFactory {
    @Override
    public Archive createArchive(URL rootUrl, Map properties) {
        return null;
    }

    @Override
    public Archive createArchive(URL rootUrl, String descriptorLocation, Map properties) {
        return null;
    }
}

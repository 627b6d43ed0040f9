package io.arus.core.service;

import io.arus.api.connector.StreamDescriptor;
import io.arus.core.model.ConnectionSpec;
import io.arus.core.model.InvalidModelException;
import io.arus.core.store.ConnectionKind;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sources and destinations ({@link ConnectionKind}). A configuration is checked against its connector type's spec
 * (violations named {@code config.<field>}); secrets are encrypted before they are stored and masked in every
 * answer; the mask sent back keeps the stored secret unless a field that binds it changed (then a 400 names the
 * secret to give again). A secret field may hold a reference {@code ${env:NAME}} or {@code ${file:/path}}: stored
 * as written, shown unmasked, resolved only when used; names starting with {@code ARUS_} and files outside the
 * secrets folder ({@code ARUS_SECRETS_DIR}) are refused. Changes need the editor role, are audited in the same
 * transaction (see {@link ServiceTransaction}); tests need the editor role, discovery the viewer role.
 *
 * <p>Errors: {@link InvalidModelException} (400), {@link NotFoundException} (404), {@link ConflictException} (a
 * name taken, a connection a pipeline uses, 409), {@link ForbiddenException} (403).
 */
@ProviderType
public interface ConnectionService {
    /** @return the connections of that kind, by name */
    List<SavedConnection> list(ConnectionKind kind);

    /** @throws NotFoundException when no connection of that kind has the id */
    SavedConnection get(ConnectionKind kind, String id);

    /** @return the connection of that kind and name, if any */
    Optional<SavedConnection> byName(ConnectionKind kind, String name);

    /** @return the stored connection, secrets masked */
    SavedConnection create(Actor actor, ConnectionKind kind, ConnectionSpec spec);

    /** Replaces name, type and configuration; masked secrets keep the stored ones (same type only). */
    SavedConnection update(Actor actor, ConnectionKind kind, String id, ConnectionSpec spec);

    /** @throws ConflictException when a pipeline still uses it */
    void delete(Actor actor, ConnectionKind kind, String id);

    /** Tests the stored configuration as it is, references resolved now. */
    ConnectionTestResult test(Actor actor, ConnectionKind kind, String id);

    /**
     * Tests a configuration without storing anything.
     *
     * @param storedId null, or the id of a stored connection of the same type whose secrets fill the fields sent as
     *                 the mask (as for an update)
     */
    ConnectionTestResult testUnsaved(Actor actor, ConnectionKind kind, ConnectionSpec spec, String storedId);

    /**
     * Asks a source which streams it has.
     *
     * @throws ConnectionFailedException when the connector is not installed or the source does not answer
     */
    List<StreamDescriptor> discover(Actor actor, String sourceId);
}

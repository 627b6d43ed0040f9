package io.arus.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Sources and destinations. */
@ProviderType
public interface ConnectionStore {
    /** @return the connections of a kind, by name */
    List<Connection> list(ConnectionKind kind);

    /** @return the connection */
    Optional<Connection> byId(ConnectionKind kind, String id);

    /**
     * @return the new connection
     * @throws ConflictException when the name is taken for that kind
     */
    Connection create(ConnectionKind kind, String name, String type, Map<String, Object> config, String createdBy)
            throws ConflictException;

    /**
     * Replaces name, type and config.
     *
     * @return the updated connection, or empty when there is none
     * @throws ConflictException when the new name is taken
     */
    Optional<Connection> update(ConnectionKind kind, String id, String name, String type, Map<String, Object> config)
            throws ConflictException;

    /**
     * @return whether a connection was deleted
     * @throws ConflictException when a pipeline uses it (the message names the pipelines)
     */
    boolean delete(ConnectionKind kind, String id) throws ConflictException;
}

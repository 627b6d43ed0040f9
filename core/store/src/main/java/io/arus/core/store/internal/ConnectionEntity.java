package io.arus.core.store.internal;

import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionKind;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;

/** The columns {@code sources} and {@code destinations} share. */
@MappedSuperclass
public abstract class ConnectionEntity {
    @Id
    String id;
    String name;
    String type;
    /** The configuration as a JSON object. */
    String config;
    @Column(name = "created_by")
    String createdBy;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;

    /** @return a new, empty row of the table for {@code kind} */
    static ConnectionEntity of(ConnectionKind kind) {
        return kind == ConnectionKind.SOURCE ? new SourceEntity() : new DestinationEntity();
    }

    /** @return the JPQL entity name of the table for {@code kind} */
    static String entityName(ConnectionKind kind) {
        return kind == ConnectionKind.SOURCE ? SourceEntity.class.getSimpleName()
                : DestinationEntity.class.getSimpleName();
    }

    /** @return the class of the table for {@code kind} */
    static Class<? extends ConnectionEntity> entityClass(ConnectionKind kind) {
        return kind == ConnectionKind.SOURCE ? SourceEntity.class : DestinationEntity.class;
    }

    abstract ConnectionKind kind();

    Connection toRecord() {
        return new Connection(id, kind(), name, type, ConfigJson.read(config), createdBy, createdAt, updatedAt);
    }
}

package io.arus.core.store.internal;

import io.arus.core.store.ConnectionKind;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A row of {@code destinations}. */
@Entity
@Table(name = "destinations")
public class DestinationEntity extends ConnectionEntity {
    @Override
    ConnectionKind kind() {
        return ConnectionKind.DESTINATION;
    }
}

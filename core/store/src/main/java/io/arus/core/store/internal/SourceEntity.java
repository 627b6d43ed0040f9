package io.arus.core.store.internal;

import io.arus.core.store.ConnectionKind;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A row of {@code sources}. */
@Entity
@Table(name = "sources")
public class SourceEntity extends ConnectionEntity {
    @Override
    ConnectionKind kind() {
        return ConnectionKind.SOURCE;
    }
}

package io.arus.core.store.internal;

import io.arus.core.store.AuditEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code audit_log}. */
@Entity
@Table(name = "audit_log")
public class AuditEntryEntity {
    @Id
    String id;
    Instant at;
    String actor;
    String action;
    String target;
    String detail;
    @Column(name = "client_address")
    String clientAddress;

    AuditEntry toRecord() {
        return new AuditEntry(id, at, actor, action, target, detail, clientAddress);
    }
}

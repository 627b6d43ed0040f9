package io.arus.core.store;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The audit log: who changed what, when, from where. Append-only. */
@ProviderType
public interface AuditLog {
    /** Appends an entry stamped now. Never pass a secret in {@code detail}. */
    AuditEntry record(String actor, String action, String target, String detail, String clientAddress);

    /**
     * @param limit  at most this many
     * @param offset skip this many (newest first)
     * @return entries, newest first
     */
    List<AuditEntry> list(int limit, int offset);
}

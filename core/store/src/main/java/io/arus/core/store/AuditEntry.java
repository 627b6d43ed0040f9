package io.arus.core.store;

import java.time.Instant;

/**
 * One change, as the audit log keeps it.
 *
 * @param id       a UUID
 * @param at       when
 * @param actor    the username (or {@code system})
 * @param action   what, e.g. {@code source.create}, {@code user.delete}, {@code auth.login_failed}
 * @param target   what it was done to, e.g. {@code source:5f0c...}, or null
 * @param detail   a short description without secrets, or null
 * @param clientAddress the client's address, or null
 */
public record AuditEntry(String id, Instant at, String actor, String action, String target, String detail,
                         String clientAddress) {
}

package io.arus.core.store;

import java.time.Instant;

/**
 * A user account.
 *
 * @param id           a UUID
 * @param username     unique, case-insensitive
 * @param passwordHash the password hash in PHC string form (never the password)
 * @param role         what the user may do
 * @param createdAt    when it was created
 * @param updatedAt    when it last changed
 * @param tokenVersion the version the user's access tokens must carry; raising it ends them all at once
 */
public record User(String id, String username, String passwordHash, Role role, Instant createdAt, Instant updatedAt,
                   long tokenVersion) {
    /** A user at token version 0. */
    public User(String id, String username, String passwordHash, Role role, Instant createdAt, Instant updatedAt) {
        this(id, username, passwordHash, role, createdAt, updatedAt, 0);
    }
}

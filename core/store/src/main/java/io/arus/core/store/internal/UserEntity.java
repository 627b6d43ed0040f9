package io.arus.core.store.internal;

import io.arus.core.store.Role;
import io.arus.core.store.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code users}. */
@Entity
@Table(name = "users")
public class UserEntity {
    @Id
    String id;
    String username;
    @Column(name = "username_key")
    String usernameKey;
    @Column(name = "password_hash")
    String passwordHash;
    String role;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;
    @Column(name = "token_version")
    long tokenVersion;
    /** The OpenID provider's issuer URL for a user it signs in; null for a password user. */
    @Column(name = "identity_issuer")
    String identityIssuer;
    @Column(name = "identity_subject")
    String identitySubject;

    User toRecord() {
        return new User(id, username, passwordHash, Role.parse(role), createdAt, updatedAt, tokenVersion);
    }
}

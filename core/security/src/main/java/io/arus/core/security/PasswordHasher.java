package io.arus.core.security;

import org.osgi.annotation.versioning.ProviderType;

/** Password hashing (Argon2id, PHC string format). */
@ProviderType
public interface PasswordHasher {
    /** @return the PHC string, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$...$...} */
    String hash(String password);

    /** @return whether the password matches the hash (constant time) */
    boolean verify(String password, String hash);
}

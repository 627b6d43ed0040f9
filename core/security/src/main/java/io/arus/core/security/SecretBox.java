package io.arus.core.security;

import org.osgi.annotation.versioning.ProviderType;

/** Encrypts secrets at rest (AES-256-GCM with the server's key). */
@ProviderType
public interface SecretBox {
    /** The prefix of every encrypted value. */
    String PREFIX = "enc:v1:";

    /** @return {@code enc:v1:} + base64(nonce + ciphertext + tag) */
    String encrypt(String plaintext);

    /**
     * @return the plaintext
     * @throws IllegalArgumentException when the value was not made by this key (tampered, or another key)
     */
    String decrypt(String encrypted);

    /** @return whether a stored value is an encrypted secret */
    static boolean isEncrypted(Object value) {
        return value instanceof String text && text.startsWith(PREFIX);
    }
}

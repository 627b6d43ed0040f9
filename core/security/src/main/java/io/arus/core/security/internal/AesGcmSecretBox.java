package io.arus.core.security.internal;

import io.arus.core.security.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** AES-256-GCM with a fresh 96-bit nonce per value; the tag makes any tampering fail to decrypt. */
@Component(service = SecretBox.class)
public final class AesGcmSecretBox implements SecretBox {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public AesGcmSecretBox(@Reference ServerKeys keys) {
        this(keys.encryptionKey());
    }

    AesGcmSecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public String encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public String decrypt(String encrypted) {
        if (!SecretBox.isEncrypted(encrypted)) {
            throw new IllegalArgumentException("not an encrypted value");
        }
        byte[] data = Base64.getDecoder().decode(encrypted.substring(PREFIX.length()));
        if (data.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("encrypted value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the secret cannot be decrypted with this server's key "
                    + "(was ARUS_ENCRYPTION_KEY or data/secret.key changed?)", e);
        }
    }
}

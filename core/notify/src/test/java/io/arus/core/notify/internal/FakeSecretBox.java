package io.arus.core.notify.internal;

import io.arus.core.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reversible "encryption" that shows in tests which values went through the box. */
final class FakeSecretBox implements SecretBox {
    @Override
    public String encrypt(String plaintext) {
        return PREFIX + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String decrypt(String encrypted) {
        if (!encrypted.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not encrypted");
        }
        try {
            return new String(Base64.getDecoder().decode(encrypted.substring(PREFIX.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("made with another key");
        }
    }
}

package io.arus.core.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoTest {
    @TempDir
    Path dir;

    @Test
    void argon2idHashVerifiesOnlyTheRightPasswordAndSaltsEveryHash() {
        Argon2PasswordHasher hasher = new Argon2PasswordHasher();
        String hash = hasher.hash("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", hash)).isFalse();
        assertThat(hasher.hash("correct horse battery staple")).isNotEqualTo(hash);
        assertThat(hasher.verify("x", "$2a$10$notargon")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
    }

    @Test
    void secretBoxRoundTripsAndRefusesTamperingAndOtherKeys() {
        byte[] key = new byte[32];
        key[0] = 1;
        AesGcmSecretBox box = new AesGcmSecretBox(key);
        String sealed = box.encrypt("p@ss wörd 🔑");

        assertThat(sealed).startsWith(SecretBox.PREFIX).doesNotContain("p@ss");
        assertThat(box.encrypt("p@ss wörd 🔑")).as("a fresh nonce per value").isNotEqualTo(sealed);
        assertThat(box.decrypt(sealed)).isEqualTo("p@ss wörd 🔑");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(SecretBox.PREFIX.length()));
        raw[raw.length - 1] ^= 1;
        String tampered = SecretBox.PREFIX + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> box.decrypt(tampered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AesGcmSecretBox(new byte[32]).decrypt(sealed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARUS_ENCRYPTION_KEY");
    }

    @Test
    void keysAreGeneratedOnceOwnerOnlyAndReadBackAfterARestart() throws Exception {
        ServerKeys first = new ServerKeys(dir, Map.of());
        ServerKeys second = new ServerKeys(dir, Map.of());

        assertThat(second.encryptionKey()).isEqualTo(first.encryptionKey());
        assertThat(second.signingKey()).isEqualTo(first.signingKey());
        assertThat(first.signingKey()).isNotEqualTo(first.encryptionKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secret.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void keysFromTheEnvironmentWinAndShortOnesAreRefused() {
        String base64 = Base64.getEncoder().encodeToString(new byte[32]);
        ServerKeys keys = new ServerKeys(dir, Map.of("ARUS_ENCRYPTION_KEY", base64,
                "ARUS_JWT_SECRET", "a passphrase that is at least thirty-two characters"));

        assertThat(keys.encryptionKey()).isEqualTo(new byte[32]);
        assertThat(Files.exists(dir.resolve("secret.key"))).isFalse();
        assertThatThrownBy(() -> new ServerKeys(dir, Map.of("ARUS_JWT_SECRET", "short")))
                .hasMessageContaining("ARUS_JWT_SECRET");
    }

    @Test
    void jwtVerifiesOnlyWellSignedUnexpiredHs256Tokens() {
        Hs256Jwt jwt = new Hs256Jwt("k".repeat(32).getBytes(StandardCharsets.UTF_8));
        String token = jwt.sign(Map.of("sub", "u1", "exp", 2_000L));

        assertThat(jwt.verify(token, 1_999L)).hasValueSatisfying(c -> assertThat(c).containsEntry("sub", "u1"));
        assertThat(jwt.verify(token, 2_000L)).as("expired").isEmpty();
        assertThat(new Hs256Jwt("other".repeat(8).getBytes(StandardCharsets.UTF_8)).verify(token, 0)).as("forged").isEmpty();
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(jwt.verify(none + "." + parts[1] + ".", 0)).as("alg none").isEmpty();
        String otherPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"admin\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8));
        assertThat(jwt.verify(parts[0] + "." + otherPayload + "." + parts[2], 0)).as("payload swapped").isEmpty();
        assertThat(jwt.verify("not-a-token", 0)).isEmpty();
    }
}

package io.arus.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionSecretsTest {
    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("host", FieldType.HOST).build(),
            ConfigField.builder("password", FieldType.SECRET).build());

    /** A reversible stand-in for AES: enough to follow the values through. */
    private final SecretBox box = new SecretBox() {
        @Override
        public String encrypt(String plaintext) {
            return PREFIX + new StringBuilder(plaintext).reverse();
        }

        @Override
        public String decrypt(String encrypted) {
            return new StringBuilder(encrypted.substring(PREFIX.length())).reverse().toString();
        }
    };
    private final ConnectionSecrets secrets = new ConnectionSecrets(box);

    @Test
    void secretsAreEncryptedForStorageAndMaskedInAnswers() {
        Map<String, Object> stored = secrets.encrypt(SPEC, Map.of("host", "db", "password", "hunter2"));

        assertThat(stored).containsEntry("host", "db").containsEntry("password", "enc:v1:2retnuh");
        assertThat(ConnectionSecrets.mask(SPEC, stored)).containsEntry("password", Config.MASK).containsEntry("host", "db");
        assertThat(secrets.decrypt(stored)).containsEntry("password", "hunter2");
    }

    @Test
    void theMaskSentBackKeepsTheStoredSecretAndANewValueReplacesIt() {
        Map<String, Object> stored = secrets.encrypt(SPEC, Map.of("host", "db", "password", "hunter2"));

        Map<String, Object> kept = secrets.unmask(SPEC, Map.of("host", "db2", "password", Config.MASK), stored);
        Map<String, Object> changed = secrets.unmask(SPEC, Map.of("host", "db2", "password", "new"), stored);

        assertThat(kept).containsEntry("password", "hunter2").containsEntry("host", "db2");
        assertThat(changed).containsEntry("password", "new");
        assertThat(secrets.unmask(SPEC, Map.of("password", Config.MASK), Map.of())).doesNotContainKey("password");
    }

    @Test
    void anEncryptedValueIsMaskedEvenWhenTheSpecNoLongerCallsItSecret() {
        assertThat(ConnectionSecrets.mask(ConfigSpec.EMPTY, Map.of("token", "enc:v1:abc"))).containsEntry("token", Config.MASK);
    }
}

package io.arus.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionSecretsTest {
    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("host", FieldType.HOST).build(),
            ConfigField.builder("password", FieldType.SECRET).build());
    private static final ConfigSpec DATABASE = ConfigSpec.of(
            ConfigField.builder("host", FieldType.HOST).build(),
            ConfigField.builder("port", FieldType.PORT).defaultValue(5432).build(),
            ConfigField.builder("database", FieldType.STRING).build(),
            ConfigField.builder("ssl_mode", FieldType.ENUM).options("disable", "require").defaultValue("require")
                    .bindsSecrets().build(),
            ConfigField.builder("password", FieldType.SECRET).label("Password").build());
    private static final ConfigSpec WEBHOOK = ConfigSpec.of(
            ConfigField.builder("url", FieldType.URL).secret().build(),
            ConfigField.builder("headers", FieldType.LIST).label("Extra headers").secret().build());

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

        Map<String, Object> kept = secrets.unmask(SPEC, Map.of("host", "db", "password", Config.MASK), stored);
        Map<String, Object> changed = secrets.unmask(SPEC, Map.of("host", "db2", "password", "new"), stored);

        assertThat(kept).containsEntry("password", "hunter2").containsEntry("host", "db");
        assertThat(changed).containsEntry("password", "new");
        assertThat(secrets.unmask(SPEC, Map.of("password", Config.MASK), Map.of())).doesNotContainKey("password");
    }

    @Test
    void anEncryptedValueIsMaskedEvenWhenTheSpecNoLongerCallsItSecret() {
        assertThat(ConnectionSecrets.mask(ConfigSpec.EMPTY, Map.of("token", "enc:v1:abc"))).containsEntry("token", Config.MASK);
    }

    @Test
    void theMaskIsRefusedWhenTheHostOrPortChangedAndTheSecretMustBeGivenAgain() {
        Map<String, Object> stored = secrets.encrypt(DATABASE, Map.of("host", "db", "port", 5432, "database", "sales",
                "ssl_mode", "require", "password", "hunter2"));

        assertThatThrownBy(() -> secrets.unmask(DATABASE, Map.of("host", "evil.example", "database", "sales",
                "password", Config.MASK), stored))
                .isInstanceOfSatisfying(MaskRefusedException.class, e -> assertThat(e.violations())
                        .containsExactly(new ConfigViolation("password", "give the password again: host changed")));
        assertThatThrownBy(() -> secrets.unmask(DATABASE, Map.of("host", "db", "port", 6543, "database", "sales",
                "password", Config.MASK), stored))
                .isInstanceOfSatisfying(MaskRefusedException.class, e -> assertThat(e.violations().get(0).message())
                        .isEqualTo("give the password again: port changed"));
        assertThatThrownBy(() -> secrets.unmask(DATABASE, Map.of("host", "db", "database", "sales", "ssl_mode",
                "disable", "password", Config.MASK), stored))
                .as("a downgrade to clear text is a change of how the password travels")
                .isInstanceOf(MaskRefusedException.class);
        assertThat(secrets.unmask(DATABASE, Map.of("host", "evil.example", "password", "given-again"), stored))
                .as("a secret given again goes wherever the user says").containsEntry("password", "given-again");
    }

    @Test
    void theMaskIsKeptWhenOnlyFieldsThatDoNotBindSecretsChangedComparedWithDefaultsApplied() {
        Map<String, Object> stored = secrets.encrypt(DATABASE, Map.of("host", "db", "port", 5432L, "database", "sales",
                "ssl_mode", "require", "password", "hunter2"));

        // port and ssl_mode left out: their defaults are what is stored; 5432 as an Integer equals the stored Long
        Map<String, Object> kept = secrets.unmask(DATABASE, Map.of("host", "db", "database", "reports",
                "password", Config.MASK), stored);
        Map<String, Object> samePort = secrets.unmask(DATABASE, Map.of("host", "db", "port", 5432.0,
                "password", Config.MASK), stored);

        assertThat(kept).containsEntry("password", "hunter2").containsEntry("database", "reports");
        assertThat(samePort).containsEntry("password", "hunter2");
    }

    @Test
    void aSecretUrlBindsTheOtherSecretsToItAndItsOwnMaskKeepsIt() {
        Map<String, Object> stored = secrets.encrypt(WEBHOOK, Map.of("url", "https://hooks.example.com/x?token=t0k3n",
                "headers", List.of("Authorization: Bearer abcdefgh")));

        Map<String, Object> kept = secrets.unmask(WEBHOOK, Map.of("url", Config.MASK, "headers", Config.MASK), stored);

        assertThat(kept).containsEntry("url", "https://hooks.example.com/x?token=t0k3n")
                .containsEntry("headers", List.of("Authorization: Bearer abcdefgh"));
        assertThatThrownBy(() -> secrets.unmask(WEBHOOK, Map.of("url", "https://attacker.example/",
                "headers", Config.MASK), stored))
                .isInstanceOfSatisfying(MaskRefusedException.class, e -> assertThat(e.violations())
                        .containsExactly(new ConfigViolation("headers", "give the extra headers again: url changed")));
    }

    @Test
    void aReferenceIsStoredEncryptedShownAsWrittenKeptByTheMaskAndResolvedOnlyByDecrypt() {
        Map<String, Object> stored = secrets.encrypt(SPEC, Map.of("host", "db", "password", "${env:PATH}"));

        assertThat(stored.get("password")).asString().startsWith("enc:v1:");
        assertThat(secrets.view(SPEC, stored)).containsEntry("password", "${env:PATH}");
        assertThat(secrets.view(SPEC, secrets.encrypt(SPEC, Map.of("password", "hunter2"))))
                .as("a literal secret stays masked").containsEntry("password", Config.MASK);
        assertThat(secrets.unmask(SPEC, Map.of("host", "db", "password", Config.MASK), stored))
                .as("the mask keeps the reference, unresolved").containsEntry("password", "${env:PATH}");
        assertThat(secrets.decrypt(stored)).containsEntry("password", System.getenv("PATH"));
    }

    @Test
    void aReferenceThatCannotBeResolvedFailsDecryptNamingItAndARefusedOneIsAViolationOfItsField() {
        Map<String, Object> stored = secrets.encrypt(SPEC, Map.of("password", "${env:H1_SURELY_UNSET_VARIABLE}"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> secrets.decrypt(stored))
                .isInstanceOf(SecretReferenceException.class).hasMessageContaining("${env:H1_SURELY_UNSET_VARIABLE}");
        assertThat(ConnectionSecrets.referenceViolations(SPEC, Map.of("host", "${env:ARUS_DATA_DIR}",
                "password", "${env:ARUS_ADMIN_PASSWORD}")))
                .as("only secret fields are references").singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("password"));
    }
}

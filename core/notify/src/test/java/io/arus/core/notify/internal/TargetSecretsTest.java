package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.core.notify.TargetSecrets;
import io.arus.core.security.MaskRefusedException;
import io.arus.core.security.SecretBox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetSecretsTest {
    static final ConfigSpec WEBHOOK = ConfigSpec.of(
            ConfigField.builder("url", FieldType.URL).required().build(),
            ConfigField.builder("secret", FieldType.SECRET).build(),
            ConfigField.builder("headers", FieldType.LIST).secret().build());
    private static final Map<String, Object> CLEAR = Map.of("url", "https://hooks.example.com/in",
            "secret", "s3cr3t-signing-key", "headers", List.of("Authorization: Bearer tok-123456", "X-Env: prod"));

    private final FakeSecretBox box = new FakeSecretBox();
    private final TargetSecrets secrets = new TargetSecrets(box);

    @Test
    void secretStringsAndEveryEntryOfASecretListAreEncryptedOnceAndDecryptedBack() {
        Map<String, Object> stored = secrets.encrypt(WEBHOOK, CLEAR);

        assertThat(stored.get("url")).isEqualTo("https://hooks.example.com/in");
        assertThat(SecretBox.isEncrypted(stored.get("secret"))).isTrue();
        assertThat((List<?>) stored.get("headers")).hasSize(2).allMatch(SecretBox::isEncrypted);
        assertThat(secrets.encrypt(WEBHOOK, stored)).as("not encrypted twice").isEqualTo(stored);
        assertThat(secrets.decrypt(stored)).isEqualTo(CLEAR);
    }

    @Test
    void answersMaskSecretsByTheSpecAndAnyEncryptedValueWithoutIt() {
        Map<String, Object> stored = secrets.encrypt(WEBHOOK, CLEAR);

        assertThat(TargetSecrets.mask(WEBHOOK, stored)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "url", "https://hooks.example.com/in", "secret", Config.MASK, "headers", Config.MASK));
        assertThat(TargetSecrets.mask(ConfigSpec.EMPTY, stored)).as("notifier not installed")
                .containsEntry("secret", Config.MASK).containsEntry("headers", Config.MASK)
                .containsEntry("url", "https://hooks.example.com/in");
    }

    @Test
    void aMaskSentBackKeepsTheStoredSecretUnlessTheUrlChangedAndAMaskOverNothingIsDropped() {
        Map<String, Object> stored = secrets.encrypt(WEBHOOK, CLEAR);

        Map<String, Object> unmasked = secrets.unmask(WEBHOOK, Map.of("url", "https://hooks.example.com/in",
                "secret", Config.MASK, "headers", Config.MASK), stored);

        assertThat(unmasked).containsEntry("url", "https://hooks.example.com/in")
                .containsEntry("secret", "s3cr3t-signing-key").containsEntry("headers", CLEAR.get("headers"));
        assertThatThrownBy(() -> secrets.unmask(WEBHOOK, Map.of("url", "https://other.example.com",
                "secret", Config.MASK, "headers", Config.MASK), stored))
                .as("the stored secrets do not follow a new url").isInstanceOf(MaskRefusedException.class);
        assertThat(secrets.unmask(WEBHOOK, Map.of("secret", Config.MASK), Map.of())).doesNotContainKey("secret");
        assertThat(secrets.unmask(WEBHOOK, Map.of("secret", "new-one"), stored)).containsEntry("secret", "new-one");
    }

    @Test
    void messagesLoseEverySecretValue() {
        String message = "POST with s3cr3t-signing-key and Authorization: Bearer tok-123456 failed";

        assertThat(TargetSecrets.scrub(message, WEBHOOK, CLEAR)).isEqualTo("POST with ****** and ****** failed");
        assertThat(TargetSecrets.scrub(null, WEBHOOK, CLEAR)).isEmpty();
    }
}

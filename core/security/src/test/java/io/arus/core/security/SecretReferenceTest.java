package io.arus.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferenceTest {
    @TempDir
    Path folder;

    @AfterEach
    void forgetTheFolder() {
        System.clearProperty(SecretReference.SECRETS_DIR_PROPERTY);
    }

    @Test
    void recognisesOnlyTheTwoForms() {
        assertThat(SecretReference.isReference("${env:PGPASSWORD}")).isTrue();
        assertThat(SecretReference.isReference("${file:/run/secrets/pg}")).isTrue();
        assertThat(SecretReference.isReference("${vault:pg}")).isFalse();
        assertThat(SecretReference.isReference("a ${env:X} inside")).isFalse();
        assertThat(SecretReference.isReference(42)).isFalse();
    }

    @Test
    void refusesArusOwnVariablesAndBadNames() {
        assertThat(SecretReference.problem("${env:ARUS_ADMIN_PASSWORD}")).hasValueSatisfying(p -> assertThat(p).contains("ARUS_"));
        assertThat(SecretReference.problem("${env:arus_data_dir}")).isPresent();
        assertThat(SecretReference.problem("${env:1BAD}")).isPresent();
        assertThat(SecretReference.problem("${env:PGPASSWORD}")).isEmpty();
    }

    @Test
    void refusesFileReferencesWithoutASecretsFolderSayingHowToSetIt() {
        System.clearProperty(SecretReference.SECRETS_DIR_PROPERTY);
        // the build's environment has no ARUS_SECRETS_DIR; if it had, this test would say so rather than pass
        assertThat(System.getenv(SecretReference.SECRETS_DIR_VARIABLE)).isNull();

        assertThat(SecretReference.problem("${file:/run/secrets/pg}"))
                .hasValueSatisfying(p -> assertThat(p).contains("ARUS_SECRETS_DIR"));
    }

    @Test
    void readsAFileInTheFolderWithoutItsLineBreakAndRefusesOneOutsideOrBehindALink() throws Exception {
        System.setProperty(SecretReference.SECRETS_DIR_PROPERTY, folder.toString());
        Files.writeString(folder.resolve("pg"), "s3cret-value\n");
        Path outside = Files.createTempFile("outside", ".txt");
        Files.writeString(outside, "not yours");
        Files.createSymbolicLink(folder.resolve("link"), outside);

        assertThat(SecretReference.resolve("${file:" + folder.resolve("pg") + "}")).isEqualTo("s3cret-value");
        assertThat(SecretReference.problem("${file:" + outside + "}")).isPresent();
        assertThat(SecretReference.problem("${file:" + folder + "/../" + outside.getFileName() + "}")).isPresent();
        assertThat(SecretReference.problem("${file:relative/pg}")).isPresent();
        assertThatThrownBy(() -> SecretReference.resolve("${file:" + folder.resolve("link") + "}"))
                .isInstanceOf(SecretReferenceException.class).hasMessageContaining("outside the secrets folder")
                .hasMessageNotContaining("not yours");
        assertThatThrownBy(() -> SecretReference.resolve("${file:" + folder.resolve("missing") + "}"))
                .isInstanceOf(SecretReferenceException.class)
                .hasMessage("secret reference ${file:" + folder.resolve("missing") + "}: the file does not exist");
        Files.delete(outside);
    }

    @Test
    void anUnsetVariableFailsNamingTheReference() {
        assertThatThrownBy(() -> SecretReference.resolve("${env:H1_SURELY_UNSET_VARIABLE}"))
                .isInstanceOf(SecretReferenceException.class)
                .hasMessage("secret reference ${env:H1_SURELY_UNSET_VARIABLE}: the environment variable"
                        + " H1_SURELY_UNSET_VARIABLE is not set on the server");
        assertThat(SecretReference.resolve("${env:PATH}")).isEqualTo(System.getenv("PATH"));
    }
}

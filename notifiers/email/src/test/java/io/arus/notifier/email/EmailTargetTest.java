package io.arus.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailTargetTest {
    @Test
    void readsAFullTarget() throws Exception {
        EmailTarget target = EmailTarget.from(EmailNotifier.SPEC.resolve(values(Map.of())));

        assertThat(target.host()).isEqualTo("smtp.example.com");
        assertThat(target.port()).isEqualTo(587);
        assertThat(target.from().getAddress()).isEqualTo("arus@example.com");
        assertThat(target.to()).extracting(a -> a.getAddress()).containsExactly("ops@example.com", "dba@example.org");
        assertThat(target.starttls()).isTrue();
        assertThat(target.ssl()).isFalse();
        assertThat(target.sessionProperties()).containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "true").containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .containsEntry("mail.smtp.connectiontimeout", "5000").containsEntry("mail.smtp.timeout", "10000");
        assertThat(target.toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void sslReplacesStartTls() throws Exception {
        EmailTarget target = EmailTarget.from(EmailNotifier.SPEC.resolve(values(Map.of("ssl", true, "port", 465))));

        assertThat(target.sessionProperties()).containsEntry("mail.smtp.ssl.enable", "true")
                .containsEntry("mail.smtp.starttls.enable", "false");
    }

    @Test
    void rejectsAddressesNamingTheField() throws Exception {
        assertThat(violation(Map.of("from", "nobody"))).isEqualTo(new ConfigViolation("from",
                "must be an e-mail address such as arus@example.com or Arus <arus@example.com>"));
        assertThat(violation(Map.of("to", "ops@example.com, not an address"))).extracting(ConfigViolation::field)
                .isEqualTo("to");
        assertThat(violation(Map.of("to", "ops@"))).extracting(ConfigViolation::field).isEqualTo("to");
        assertThat(violation(Map.of("to", " , "))).extracting(ConfigViolation::field).isEqualTo("to");
    }

    @Test
    void aUsernameNeedsAPasswordAndAPasswordAUsername() throws Exception {
        Map<String, Object> noPassword = values(Map.of());
        noPassword.remove("password");
        Map<String, Object> noUsername = values(Map.of());
        noUsername.remove("username");

        assertThat(violation(noPassword).field()).isEqualTo("password");
        assertThat(violation(noUsername).field()).isEqualTo("username");
    }

    @Test
    void noCredentialsMeansNoAuth() throws Exception {
        Map<String, Object> anonymous = values(Map.of());
        anonymous.remove("username");
        anonymous.remove("password");

        assertThat(EmailTarget.from(EmailNotifier.SPEC.resolve(anonymous)).sessionProperties())
                .containsEntry("mail.smtp.auth", "false");
    }

    private static ConfigViolation violation(Map<String, Object> values) throws Exception {
        Map<String, Object> all = values.containsKey("host") ? values : values(values);
        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> EmailTarget.from(EmailNotifier.SPEC.resolve(all)));
        assertThat(failure).as("a ConfigException for %s", values).isNotNull();
        return failure.violations().get(0);
    }

    private static Map<String, Object> values(Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", "smtp.example.com");
        values.put("username", "arus");
        values.put("password", "hunter2-secret");
        values.put("from", "Arus <arus@example.com>");
        values.put("to", "ops@example.com,dba@example.org");
        values.putAll(overrides);
        return values;
    }
}

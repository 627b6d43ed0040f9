package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigViolation;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MongoSettingsTest {
    private static MongoSettings settings(Map<String, Object> values) throws ConfigException {
        return MongoSettings.from(MongoSettings.SPEC.resolve(values));
    }

    private static ConfigException refusal(Map<String, Object> values) {
        return catchThrowableOfType(ConfigException.class, () -> new MongoConnector().open(MongoSettings.SPEC.resolve(values)));
    }

    @Test
    void appliesDefaults() throws ConfigException {
        Config config = MongoSettings.SPEC.resolve(Map.of("host", "db.example.com", "database", "shop"));

        assertThat(config.values()).containsEntry("port", 27017).containsEntry("auth_source", "admin")
                .containsEntry("sample_size", 1000).containsEntry("flatten", false);
        MongoSettings settings = MongoSettings.from(config);
        assertThat(settings.database()).isEqualTo("shop");
        assertThat(settings.sampleSize()).isEqualTo(1000);
        assertThat(settings.flatten()).isFalse();
        assertThat(settings.address()).isEqualTo("db.example.com:27017");
    }

    @Test
    void takesTheDatabaseFromTheUriPath() throws ConfigException {
        MongoSettings settings = settings(Map.of("uri", "mongodb://reader:s3cret@db1:27018,db2:27018/shop?authSource=admin"));

        assertThat(settings.database()).isEqualTo("shop");
        assertThat(settings.address()).isEqualTo("db1:27018,db2:27018");
        assertThat(settings.client().getCredential().getUserName()).isEqualTo("reader");
        assertThat(settings.client().getCredential().getSource()).isEqualTo("admin");
    }

    @Test
    void theDatabaseFieldWinsOverTheUriPath() throws ConfigException {
        assertThat(settings(Map.of("uri", "mongodb://db1/shop", "database", "crm")).database()).isEqualTo("crm");
    }

    @Test
    void buildsCredentialsFromFields() throws ConfigException {
        MongoSettings settings = settings(Map.of("host", "db", "port", 27100, "username", "etl", "password", "pw",
                "database", "shop", "auth_source", "users"));

        assertThat(settings.client().getCredential().getUserName()).isEqualTo("etl");
        assertThat(settings.client().getCredential().getSource()).isEqualTo("users");
        assertThat(settings.client().getCredential().getPassword()).containsExactly('p', 'w');
        assertThat(settings.address()).isEqualTo("db:27100");
    }

    @Test
    void refusesAConfigurationWithoutADatabaseNamingTheField() {
        ConfigException fromUri = refusal(Map.of("uri", "mongodb://db1:27017/?authSource=admin"));
        ConfigException fromFields = refusal(Map.of("host", "db1"));

        assertThat(fromUri.violations()).extracting(ConfigViolation::field).containsExactly("database");
        assertThat(fromFields.violations()).extracting(ConfigViolation::field).containsExactly("database");
        assertThat(fromFields.getMessage()).contains("database: is required");
    }

    @Test
    void refusesAConfigurationWithoutUriOrHost() {
        assertThat(refusal(Map.of("database", "shop")).violations()).extracting(ConfigViolation::field)
                .containsExactly("host");
    }

    @Test
    void refusesUriTogetherWithHostOrCredentials() {
        ConfigException refused = refusal(Map.of("uri", "mongodb://db1/shop", "host", "db2", "username", "u",
                "password", "p"));

        assertThat(refused.violations()).extracting(ConfigViolation::field)
                .containsExactly("host", "username", "password");
    }

    @Test
    void refusesAPasswordWithoutAUser() {
        assertThat(refusal(Map.of("host", "db", "database", "shop", "password", "p")).violations())
                .extracting(ConfigViolation::field).containsExactly("username");
    }

    @Test
    void refusesAMalformedUriWithoutRepeatingItsSecret() {
        ConfigException refused = refusal(Map.of("uri", "http://admin:hunter2@db1/shop"));

        assertThat(refused.violations()).extracting(ConfigViolation::field).contains("uri");
        assertThat(refused.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void refusesAnInvalidDatabaseName() {
        assertThat(refusal(Map.of("host", "db", "database", "shop.orders")).violations())
                .extracting(ConfigViolation::field).containsExactly("database");
    }

    @Test
    void theSpecRefusesASampleSizeBelowOne() {
        Map<String, Object> values = new HashMap<>(Map.of("host", "db", "database", "shop", "sample_size", 0));

        assertThat(MongoSettings.SPEC.validate(values)).extracting(ConfigViolation::field).containsExactly("sample_size");
    }

    @Test
    void uriAndPasswordAreSecretAndNeverShown() throws ConfigException {
        Config config = MongoSettings.SPEC.resolve(Map.of("uri", "mongodb://u:hunter2@db1/shop"));

        assertThat(MongoSettings.SPEC.field("uri").orElseThrow().secret()).isTrue();
        assertThat(MongoSettings.SPEC.field("password").orElseThrow().secret()).isTrue();
        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(MongoSettings.from(config).toString()).doesNotContain("hunter2");
    }
}

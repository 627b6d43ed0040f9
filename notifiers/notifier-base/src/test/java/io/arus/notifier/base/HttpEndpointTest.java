package io.arus.notifier.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.config.FieldType;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
    private static final ConfigSpec SPEC = ConfigSpec.of(ConfigField.builder("url", FieldType.URL).build());

    @Test
    void acceptsHttpAndHttpsUrls() throws Exception {
        assertThat(HttpEndpoint.httpUrl(config("https://hooks.example.com/a/b?c=d"), "url"))
                .isEqualTo(URI.create("https://hooks.example.com/a/b?c=d"));
        assertThat(HttpEndpoint.httpUrl(config("HTTP://127.0.0.1:8080/"), "url").getPort()).isEqualTo(8080);
    }

    @Test
    void rejectsOtherUrlsNamingTheFieldButNotTheValue() {
        for (String url : new String[] {"ftp://files.example.com/x", "mailto:ops@example.com", "/relative/secret",
                "https:///no-host-secret", "http://bad host/secret"}) {
            ConfigException failure = catchThrowableOfType(ConfigException.class,
                    () -> HttpEndpoint.httpUrl(config(url), "url"));
            assertThat(failure).as(url).isNotNull();
            assertThat(failure.violations()).as(url).extracting(ConfigViolation::field).containsExactly("url");
            assertThat(failure.getMessage()).as(url).doesNotContain("secret").doesNotContain(url);
        }
    }

    @Test
    void requiresAValue() {
        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> HttpEndpoint.httpUrl(Config.of(SPEC, Map.of()), "url"));

        assertThat(failure.getMessage()).isEqualTo("invalid configuration: url: is required");
    }

    @Test
    void aSecretUrlShowsOnlyItsOriginAndRedactsItsPathAndTokens() {
        URI uri = URI.create("https://hooks.example.com:8443/services/T0001/B0002/abcdefghijklmnop"
                + "?token=qrstuvwxyz123");
        HttpEndpoint endpoint = HttpEndpoint.secretUrl("Chat webhook", uri);

        assertThat(endpoint.safeName()).isEqualTo("Chat webhook at https://hooks.example.com:8443");
        Redactor redactor = endpoint.redactor();
        assertThat(redactor.redact("posting to " + uri + " failed")).isEqualTo("posting to ****** failed");
        assertThat(redactor.redact("token abcdefghijklmnop invalid")).isEqualTo("token ****** invalid");
        assertThat(redactor.redact("bad query token=qrstuvwxyz123")).isEqualTo("bad query ******");
        assertThat(redactor.redact("value qrstuvwxyz123")).isEqualTo("value ******");
        assertThat(redactor.redact("not found: /")).isEqualTo("not found: /");
    }

    @Test
    void hidesCredentialsInTheUrlHoweverShort() {
        HttpEndpoint endpoint = HttpEndpoint.secretUrl("Webhook", URI.create("https://bob:pw1@hooks.example.com/x"));

        assertThat(endpoint.safeName()).isEqualTo("Webhook at https://hooks.example.com");
        assertThat(endpoint.redactor().redact("denied for bob:pw1")).isEqualTo("denied for ******");
    }

    private static Config config(String url) {
        return Config.of(SPEC, Map.of("url", url));
    }
}

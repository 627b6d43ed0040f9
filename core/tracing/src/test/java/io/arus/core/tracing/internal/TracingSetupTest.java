package io.arus.core.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class TracingSetupTest {
    @Test
    void theEndpointIsTheCollectorsBaseUrlOrItsTracesUrl() {
        assertThat(TracingSetup.traces("http://collector:4318")).isEqualTo(URI.create("http://collector:4318/v1/traces"));
        assertThat(TracingSetup.traces("http://collector:4318/")).isEqualTo(URI.create("http://collector:4318/v1/traces"));
        assertThat(TracingSetup.traces("https://otel.example.com/ingest"))
                .isEqualTo(URI.create("https://otel.example.com/ingest/v1/traces"));
        assertThat(TracingSetup.traces(" http://collector:4318/v1/traces "))
                .isEqualTo(URI.create("http://collector:4318/v1/traces"));
    }

    @Test
    void anythingButAnHttpUrlWithAHostIsRefusedWithWhatToSet() {
        for (String bad : new String[] {"collector:4318", "ftp://collector/x", "http:///v1/traces", "http://bad host"}) {
            assertThatThrownBy(() -> TracingSetup.traces(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("ARUS_OTEL_ENDPOINT ");
        }
    }

    @Test
    void theLogShowsNeitherUserInfoNorQuery() {
        assertThat(TracingSetup.shown(TracingSetup.traces("https://user:secret@collector:4318/?token=t")))
                .isEqualTo("https://collector:4318/v1/traces");
    }
}

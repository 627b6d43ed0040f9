package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseSettingsTest {
    @Test
    void defaultsAreHttpPortDefaultUserAndAWeekOfRawRows() throws Exception {
        ClickHouseSettings settings = ClickHouseSettings.from(ClickHouseSettings.SPEC.resolve(Map.of("host", "ch")));
        assertThat(settings.port()).isEqualTo(8123);
        assertThat(settings.username()).isEqualTo("default");
        assertThat(settings.database()).isEqualTo("default");
        assertThat(settings.rawTtlDays()).isEqualTo(7);
        assertThat(settings.hardDelete()).isFalse();
        assertThat(settings.tls()).isFalse();
        assertThat(settings.portNote()).isEmpty();
    }

    @Test
    void theNativeProtocolPortIsReplacedByTheHttpPortWithANote() throws Exception {
        ClickHouseSettings settings = ClickHouseSettings.from(ClickHouseSettings.SPEC.resolve(Map.of("host", "ch", "port", 9000)));
        assertThat(settings.port()).isEqualTo(8123);
        assertThat(settings.portNote()).isEqualTo("port 9000 is ClickHouse's native protocol; Arus speaks HTTP, using 8123");
        ClickHouseSettings secure = ClickHouseSettings.from(ClickHouseSettings.SPEC.resolve(Map.of("host", "ch", "port", 9440)));
        assertThat(secure.port()).isEqualTo(8443);
        assertThat(secure.tls()).isTrue();
    }

    @Test
    void thePasswordIsASecretAndNeverPrinted() throws Exception {
        var config = ClickHouseSettings.SPEC.resolve(Map.of("host", "ch", "password", "s3cret"));
        assertThat(ClickHouseSettings.SPEC.field("password").orElseThrow().secret()).isTrue();
        assertThat(config.toString()).doesNotContain("s3cret");
        assertThat(ClickHouseSettings.from(config).toString()).doesNotContain("s3cret");
    }
}

package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ids the connector enums show in JSON are their lower-case names. */
class EnumIdTest {

    @Test
    void fullRefreshReadsAsInJson() {
        assertThat(SyncMode.FULL_REFRESH.id()).isEqualTo("full_refresh");
        assertThat(WriteMode.UPSERT.id()).isEqualTo("upsert");
        assertThat(Capability.INCREMENTAL.id()).isEqualTo("incremental");
        assertThat(ConnectorException.Kind.AUTHENTICATION.id()).isEqualTo("authentication");
    }

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void syncModeIdIsLowerCase(SyncMode mode) {
        assertThat(mode.id()).isEqualTo(mode.name().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void writeModeIdIsLowerCase(WriteMode mode) {
        assertThat(mode.id()).isEqualTo(mode.name().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @EnumSource(Capability.class)
    void capabilityIdIsLowerCase(Capability capability) {
        assertThat(capability.id()).isEqualTo(capability.name().toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @EnumSource(ConnectorException.Kind.class)
    void failureKindIdIsLowerCase(ConnectorException.Kind kind) {
        assertThat(kind.id()).isEqualTo(kind.name().toLowerCase(Locale.ROOT));
    }
}

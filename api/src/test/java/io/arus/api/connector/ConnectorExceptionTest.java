package io.arus.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectorExceptionTest {

    @ParameterizedTest
    @EnumSource(ConnectorException.Kind.class)
    void onlyAConnectionFailureIsRetryable(ConnectorException.Kind kind) {
        ConnectorException e = new ConnectorException(kind, "failed");

        assertThat(e.isRetryable()).isEqualTo(kind == ConnectorException.Kind.CONNECTION);
        assertThat(e.kind()).isEqualTo(kind);
    }

    @Test
    void keepsMessageAndCause() {
        IOException cause = new IOException("Connection reset");
        ConnectorException e = new ConnectorException(ConnectorException.Kind.CONNECTION, "lost db:5432", cause);

        assertThat(e).hasMessage("lost db:5432").hasCause(cause);
        assertThat(e.isRetryable()).isTrue();
    }
}

package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.api.connector.Capability;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.core.service.ConnectionTestResult;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionCheckTest {
    private static final ConfigSpec SPEC = ConfigSpec.of(ConfigField.builder("host", FieldType.HOST).build(),
            ConfigField.builder("password", FieldType.SECRET).build());
    private static final Map<String, Object> CLEAR = Map.of("host", "db", "password", "hunter2");

    private final ConnectionCheck checks = new ConnectionCheck(Duration.ofMillis(300));

    @AfterEach
    void close() {
        checks.close();
    }

    @Test
    void aCheckThatNeverAnswersIsAFailedTestAfterTheTimeoutAndItsSessionIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Connector hanging = checking(config -> () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return CheckResult.ok("too late");
        });
        long start = System.nanoTime();

        ConnectionTestResult result = checks.run(hanging, CLEAR);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("no answer within 300 ms");
        assertThat(interrupted.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("the hung check was interrupted")
                .isTrue();
    }

    @Test
    void theAnswerAndAFailureNeverCarryTheSecret() {
        ConnectionTestResult ok = checks.run(checking(config -> () -> CheckResult.ok("logged in with "
                + config.string("password"))), CLEAR);
        ConnectionTestResult thrown = checks.run(checking(config -> () -> {
            throw new IllegalStateException("refused password hunter2");
        }), CLEAR);

        assertThat(ok.ok()).isTrue();
        assertThat(ok.message()).isEqualTo("logged in with ******");
        assertThat(thrown.ok()).isFalse();
        assertThat(thrown.message()).isEqualTo("refused password ******");
    }

    @Test
    void theSessionIsClosedAfterTheCheck() {
        AtomicBoolean closed = new AtomicBoolean();
        checks.run(connector(config -> new ConnectorSession() {
            @Override
            public CheckResult check() {
                return CheckResult.ok("fine");
            }

            @Override
            public void close() {
                closed.set(true);
            }
        }), CLEAR);

        assertThat(closed).isTrue();
    }

    /** A connector whose sessions only check, as {@code check} says. */
    private static Connector checking(Function<Config, Checking> check) {
        return connector(check::apply);
    }

    private static Connector connector(Function<Config, ConnectorSession> sessions) {
        return new Connector() {
            @Override
            public TypeDescriptor descriptor() {
                return new TypeDescriptor("fake", "Fake", "1.0.0", "", "", SPEC);
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of(Capability.SOURCE);
            }

            @Override
            public ConnectorSession open(Config config) {
                return sessions.apply(config);
            }
        };
    }

    /** A session that only checks. */
    @FunctionalInterface
    private interface Checking extends ConnectorSession {
        @Override
        default void close() {
        }
    }
}

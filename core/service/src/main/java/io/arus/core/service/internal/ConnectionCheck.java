package io.arus.core.service.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.CheckResult;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.core.service.ConnectionTestResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tests a connection: opens a session of the connector and runs its check on a thread of its own, so that a server
 * that never answers costs the caller at most the timeout, and answers without any secret of the configuration.
 * At most {@value #MOST_AT_ONCE} checks run at once: one that hangs keeps its thread until the driver gives up.
 */
final class ConnectionCheck implements AutoCloseable {
    static final int MOST_AT_ONCE = 8;

    private final Duration timeout;
    private final ThreadPoolExecutor threads;

    ConnectionCheck(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, MOST_AT_ONCE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread thread = new Thread(r, "arus-connection-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param connector the connector type
     * @param clear     a configuration validated against its spec, secrets in clear text
     * @return whether it works, why not, and how long it took
     */
    ConnectionTestResult run(Connector connector, Map<String, Object> clear) {
        ConfigSpec spec = connector.descriptor().config();
        long start = System.nanoTime();
        Future<CheckResult> check;
        try {
            check = threads.submit(() -> {
                try (ConnectorSession session = connector.open(Config.of(spec, clear))) {
                    return session.check();
                }
            });
        } catch (RejectedExecutionException e) {
            return new ConnectionTestResult(false, MOST_AT_ONCE + " connection tests are running already: try again later", 0);
        }
        try {
            CheckResult result = check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ConnectionTestResult(result.ok(), scrub(result.message(), clear, spec), since(start));
        } catch (TimeoutException e) {
            check.cancel(true);
            return new ConnectionTestResult(false, "no answer within " + describe(timeout), since(start));
        } catch (ExecutionException e) {
            return new ConnectionTestResult(false, scrub(String.valueOf(e.getCause().getMessage()), clear, spec), since(start));
        } catch (InterruptedException e) {
            check.cancel(true);
            Thread.currentThread().interrupt();
            return new ConnectionTestResult(false, "the test was interrupted", since(start));
        }
    }

    /** Drivers sometimes echo a connection string: a secret must not reach an answer even then. */
    static String scrub(String message, Map<String, Object> clear, ConfigSpec spec) {
        String text = message == null ? "" : message;
        for (ConfigField field : spec.fields()) {
            Object value = clear.get(field.name());
            if (field.secret() && value instanceof String secret && secret.length() >= 3) {
                text = text.replace(secret, Config.MASK);
            }
        }
        return text;
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}

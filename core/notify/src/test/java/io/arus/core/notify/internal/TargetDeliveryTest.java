package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.notify.NotificationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetDeliveryTest {
    private static final String WHAT = "notification run_failed to target 'ops' (webhook)";

    private final FakeScheduler scheduler = new FakeScheduler();
    private final RecordingRunLog runLog = new RecordingRunLog();
    private final DeliveryJournal journal = new DeliveryJournal(runLog,
            Clock.fixed(Instant.parse("2025-03-14T09:00:00Z"), ZoneOffset.UTC));

    @Test
    void aDeliveryThatWorksIsMadeOnceAndLogged() {
        AtomicInteger attempts = new AtomicInteger();

        delivery(() -> attempts.incrementAndGet()).start();

        assertThat(attempts).hasValue(1);
        assertThat(scheduler.waits()).isEmpty();
        assertThat(runLog.lines).containsExactly("r-7 info " + WHAT + ": delivered");
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffUntilTheDeliveryArrives() {
        Deque<NotificationException> failures = new ArrayDeque<>(List.of(serverError(), serverError()));
        AtomicInteger attempts = new AtomicInteger();

        delivery(() -> {
            attempts.incrementAndGet();
            if (!failures.isEmpty()) {
                throw failures.pop();
            }
        }).start();

        assertThat(attempts).hasValue(3);
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(4));
        assertThat(runLog.lines).containsExactly(
                "r-7 warn " + WHAT + ": attempt 1 of 4 failed (Webhook at http://127.0.0.1:9 answered HTTP 500);"
                        + " trying again in 1 s",
                "r-7 warn " + WHAT + ": attempt 2 of 4 failed (Webhook at http://127.0.0.1:9 answered HTTP 500);"
                        + " trying again in 4 s",
                "r-7 info " + WHAT + ": delivered on attempt 3");
    }

    @Test
    void aTargetThatKeepsFailingIsGivenUpAfterFourAttemptsAndSaidOnce() {
        AtomicInteger attempts = new AtomicInteger();

        delivery(() -> {
            attempts.incrementAndGet();
            throw serverError();
        }).start();

        assertThat(attempts).hasValue(4);
        assertThat(scheduler.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(4),
                Duration.ofSeconds(16));
        assertThat(runLog.lines).hasSize(4).filteredOn(line -> line.startsWith("r-7 error")).containsExactly(
                "r-7 error " + WHAT + ": not delivered, gave up after 4 attempts"
                        + " (Webhook at http://127.0.0.1:9 answered HTTP 500)");
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        delivery(() -> {
            attempts.incrementAndGet();
            throw new NotificationException("Webhook answered HTTP 404", false, null);
        }).start();

        assertThat(attempts).hasValue(1);
        assertThat(runLog.lines).containsExactly("r-7 error " + WHAT
                + ": not delivered, permanent failure on attempt 1 (Webhook answered HTTP 404)");
    }

    @Test
    void aNotifierThatThrowsSomethingElseFailsPermanentlyWithoutItsMessage() {
        delivery(() -> {
            throw new IllegalStateException("token abc123 rejected");
        }).start();

        assertThat(runLog.lines).singleElement().asString().contains("permanent failure")
                .contains("IllegalStateException").doesNotContain("abc123");
    }

    @Test
    void aRunLogThatCannotBeWrittenDoesNotStopTheDelivery() {
        DeliveryJournal broken = new DeliveryJournal((runId, at, level, message) -> {
            throw new IllegalStateException("run deleted");
        }, Clock.systemUTC());
        AtomicInteger attempts = new AtomicInteger();

        new TargetDelivery("r-7", WHAT, () -> {
            if (attempts.incrementAndGet() == 1) {
                throw serverError();
            }
        }, RetryPolicy.STANDARD, scheduler, broken).start();

        assertThat(attempts).hasValue(2);
    }

    private TargetDelivery delivery(TargetDelivery.Attempt attempt) {
        return new TargetDelivery("r-7", WHAT, attempt, RetryPolicy.STANDARD, scheduler, journal);
    }

    private static NotificationException serverError() {
        return new NotificationException("Webhook at http://127.0.0.1:9 answered HTTP 500", true, null);
    }
}

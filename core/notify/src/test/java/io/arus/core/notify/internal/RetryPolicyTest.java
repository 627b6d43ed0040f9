package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.notify.NotificationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = RetryPolicy.STANDARD;
    private static final NotificationException TIMEOUT = new NotificationException(
            "Webhook at https://hooks.example.com did not answer within 10 s", true, null);

    @Test
    void retryableFailuresAreTriedFourTimesAfterOneFourAndSixteenSeconds() {
        assertThat(POLICY.next(1, TIMEOUT)).contains(Duration.ofSeconds(1));
        assertThat(POLICY.next(2, TIMEOUT)).contains(Duration.ofSeconds(4));
        assertThat(POLICY.next(3, TIMEOUT)).contains(Duration.ofSeconds(16));
        assertThat(POLICY.next(4, TIMEOUT)).isEmpty();
    }

    @Test
    void aPermanentFailureIsNotTriedAgain() {
        assertThat(POLICY.next(1, new NotificationException("Webhook answered HTTP 404", false, null))).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsWaitedForUpToFiveMinutes() {
        assertThat(POLICY.next(1, rateLimited("retry after 30 s"))).contains(Duration.ofSeconds(30));
        assertThat(POLICY.next(3, rateLimited("retry after 1500 ms"))).as("the backoff is longer")
                .contains(Duration.ofSeconds(16));
        assertThat(POLICY.next(1, rateLimited("retry after 3600 s"))).contains(Duration.ofMinutes(5));
        assertThat(POLICY.next(4, rateLimited("retry after 2 s"))).as("still four attempts at most").isEmpty();
    }

    @Test
    void theRetryAfterHintIsReadFromTheSharedDeliveryWording() {
        assertThat(RetryAfterHint.of(rateLimited("retry after 2 s"))).contains(Duration.ofSeconds(2));
        assertThat(RetryAfterHint.of(rateLimited("retry after 500 ms"))).contains(Duration.ofMillis(500));
        assertThat(RetryAfterHint.of(new NotificationException("Slack webhook answered HTTP 429 (rate limited)", true,
                null))).isEmpty();
        assertThat(RetryAfterHint.of(new NotificationException(null, true, null))).isEmpty();
    }

    private static NotificationException rateLimited(String wait) {
        return new NotificationException("Slack webhook at https://hooks.slack.com answered HTTP 429 (rate limited, "
                + wait + "): slow down", true, null);
    }
}

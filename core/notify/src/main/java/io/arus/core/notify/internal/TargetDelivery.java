package io.arus.core.notify.internal;

import io.arus.api.notify.NotificationException;
import java.time.Duration;
import java.util.Optional;

/**
 * One notification on its way to one target: the first attempt now, retries as the {@link RetryPolicy} says, each
 * scheduled rather than slept, so a slow or failing target holds no thread while it waits. Every outcome goes to
 * the {@link DeliveryJournal}; nothing is thrown to the caller.
 */
final class TargetDelivery {
    /** One attempt at sending. */
    @FunctionalInterface
    interface Attempt {
        /** @throws NotificationException with a secret-free message when it failed */
        void send() throws NotificationException;
    }

    private final String runId;
    private final String what;
    private final Attempt attempt;
    private final RetryPolicy policy;
    private final Scheduler scheduler;
    private final DeliveryJournal journal;

    /**
     * @param runId the run whose log hears about it
     * @param what  the delivery in words, e.g. {@code notification run_failed to target 'ops' (webhook)}
     */
    TargetDelivery(String runId, String what, Attempt attempt, RetryPolicy policy, Scheduler scheduler,
                   DeliveryJournal journal) {
        this.runId = runId;
        this.what = what;
        this.attempt = attempt;
        this.policy = policy;
        this.scheduler = scheduler;
        this.journal = journal;
    }

    /** Makes the first attempt on the caller's thread. */
    void start() {
        attempt(1);
    }

    private void attempt(int number) {
        NotificationException failure;
        try {
            attempt.send();
            journal.delivered(runId, what, number);
            return;
        } catch (NotificationException e) {
            failure = e;
        } catch (RuntimeException e) {
            // a notifier bug: trying again would fail the same way
            failure = new NotificationException("the notifier failed: " + e.getClass().getSimpleName(), false, null);
        }
        Optional<Duration> wait = policy.next(number, failure);
        if (wait.isPresent()) {
            journal.retrying(runId, what, number, policy.maxAttempts(), failure.getMessage(), wait.get());
            scheduler.schedule(() -> attempt(number + 1), wait.get());
        } else {
            journal.gaveUp(runId, what, number, failure.isRetryable(), failure.getMessage());
        }
    }
}

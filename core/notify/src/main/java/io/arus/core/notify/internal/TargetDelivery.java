package io.arus.core.notify.internal;

import io.arus.api.notify.NotificationException;
import java.time.Duration;
import java.util.Optional;

/**
 * One notification on its way to one target: the first attempt now, retries as the {@link RetryPolicy} says, each
 * scheduled rather than slept, so a slow or failing target holds no thread while it waits. Every outcome goes to
 * the {@link DeliveryJournal}; nothing is thrown to the caller. Its {@link Progress} keeps the stored delivery in
 * step, so that a restart goes on with the attempt that was due.
 */
final class TargetDelivery {
    /** Where the delivery stands, kept where a restart finds it (the metadata database). */
    interface Progress {
        /** Keeps nothing: for sends that need not survive a restart. */
        Progress NONE = new Progress() {
            @Override
            public boolean mine() {
                return true;
            }

            @Override
            public boolean retrying(int nextAttempt, Duration wait) {
                return true;
            }

            @Override
            public void ended() {
            }
        };

        /**
         * @return whether the delivery is still this node's to send: asked before each attempt, so a delivery
         *         another node took over, or whose target was deleted, stops here
         */
        boolean mine();

        /**
         * @return false when the delivery is not this node's any more (its target was deleted, another node took
         *         it over): then it stops here
         */
        boolean retrying(int nextAttempt, Duration wait);

        /** Delivered or given up. */
        void ended();
    }

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
    private final Progress progress;
    private final int firstAttempt;

    /**
     * @param runId the run whose log hears about it
     * @param what  the delivery in words, e.g. {@code notification run_failed to target 'ops' (webhook)}
     */
    TargetDelivery(String runId, String what, Attempt attempt, RetryPolicy policy, Scheduler scheduler,
                   DeliveryJournal journal) {
        this(runId, what, attempt, policy, scheduler, journal, Progress.NONE, 1);
    }

    /**
     * @param progress     keeps the stored delivery in step
     * @param firstAttempt the attempt {@link #start()} makes: 1, or the one a restart found due
     */
    TargetDelivery(String runId, String what, Attempt attempt, RetryPolicy policy, Scheduler scheduler,
                   DeliveryJournal journal, Progress progress, int firstAttempt) {
        this.runId = runId;
        this.what = what;
        this.attempt = attempt;
        this.policy = policy;
        this.scheduler = scheduler;
        this.journal = journal;
        this.progress = progress;
        this.firstAttempt = firstAttempt;
    }

    /** Makes the first attempt (or the one that was due) on the caller's thread. */
    void start() {
        attempt(firstAttempt);
    }

    private void attempt(int number) {
        if (!progress.mine()) {
            return;
        }
        NotificationException failure;
        try {
            attempt.send();
            journal.delivered(runId, what, number);
            progress.ended();
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
            if (progress.retrying(number + 1, wait.get())) {
                scheduler.schedule(() -> attempt(number + 1), wait.get());
            }
        } else {
            journal.gaveUp(runId, what, number, failure.isRetryable(), failure.getMessage());
            progress.ended();
        }
    }
}

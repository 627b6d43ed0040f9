package io.arus.core.notify;

/**
 * What a test notification came to.
 *
 * @param ok    whether the notifier delivered it
 * @param error why not, without any secret of the target; null when it was delivered
 */
public record TestOutcome(boolean ok, String error) {
    /** @return a delivered test */
    public static TestOutcome delivered() {
        return new TestOutcome(true, null);
    }

    /** @param error why it was not delivered, secret-free @return a failed test */
    public static TestOutcome failed(String error) {
        return new TestOutcome(false, error);
    }
}

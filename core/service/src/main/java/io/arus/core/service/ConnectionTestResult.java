package io.arus.core.service;

/**
 * The outcome of a connection test. The message never holds a secret nor a resolved secret reference.
 *
 * @param ok        whether the connector's check passed
 * @param message   what the connector said, or why the test could not run
 * @param latencyMs how long the check took
 */
public record ConnectionTestResult(boolean ok, String message, long latencyMs) {
}

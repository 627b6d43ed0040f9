/**
 * Metrics in the Prometheus text format at {@code /metrics}: runs by status, rows and bytes per pipeline and
 * stream, run durations, queued and running runs, HTTP request latency by route and status, and the JVM. Nothing
 * is exported: the bundle only listens to run events and serves the page.
 */
package io.arus.core.metrics;

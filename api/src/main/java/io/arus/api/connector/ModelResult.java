package io.arus.api.connector;

/**
 * What running a SQL model did.
 *
 * @param rows the rows the table holds after a table model, the rows added or replaced by an incremental one, or
 *             -1 for a view (not counted)
 */
public record ModelResult(long rows) {
}

package io.arus.core.engine.internal;

import io.arus.api.type.Schema;

/**
 * A row a step of the chain rejected.
 *
 * @param step   the position of the step in the chain
 * @param type   the step's transform type
 * @param reason the step's reason
 * @param schema the schema of {@code values}: the chain's input when the row could be traced back to it (so a
 *               replay can run the chain again), else the rejecting step's input
 * @param values the row
 */
public record ChainReject(int step, String type, String reason, Schema schema, Object[] values) {
}

package io.arus.core.engine.internal;

import io.arus.core.store.StreamOffsetStore;
import io.arus.core.store.StreamSchemaStore;

/**
 * What a pipeline remembers about each stream between runs: where reading resumes, and the columns the last run
 * saw.
 */
record StreamState(StreamOffsetStore offsets, StreamSchemaStore schemas) {
}

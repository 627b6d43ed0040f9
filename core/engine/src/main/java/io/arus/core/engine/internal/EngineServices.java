package io.arus.core.engine.internal;

import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.DeadLetterStore;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.RunStore;
import java.time.Clock;

/**
 * What a run needs from the rest of the server.
 *
 * @param offsets where each stream resumes and the columns its last run saw (the name is older than the columns)
 * @param tracing the spans of runs, streams and batches (no-ops while no OpenTelemetry service is registered)
 */
record EngineServices(PipelineStore pipelines, ConnectionStore connections, RunStore runs, StreamState offsets,
                      DeadLetterStore deadLetters, PluginCatalog catalog, ConnectionSecrets secrets, Clock clock,
                      EventSink events, RunTracing tracing) {
}

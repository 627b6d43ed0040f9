package io.arus.core.engine.internal;

import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.DeadLetterStore;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.RunStore;
import io.arus.core.store.StreamOffsetStore;
import java.time.Clock;

/** What a run needs from the rest of the server. */
record EngineServices(PipelineStore pipelines, ConnectionStore connections, RunStore runs, StreamOffsetStore offsets,
                      DeadLetterStore deadLetters, PluginCatalog catalog, ConnectionSecrets secrets, Clock clock,
                      EventSink events) {
}

package io.arus.core.store.internal;

import io.arus.core.store.ConflictException;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.Pipeline;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Makes the pipelines (with a source and a destination of their own) that runs, offsets and dead letters need. */
final class TestPipelines {
    private TestPipelines() {
    }

    /** @return a new pipeline called {@code name}, depending on {@code upstreamIds} */
    static Pipeline create(Transactions transactions, Clock clock, String name, String... upstreamIds)
            throws ConflictException {
        JpaConnectionStore connections = new JpaConnectionStore(transactions, clock);
        String source = connections.create(ConnectionKind.SOURCE, name + "-src", "postgresql", Map.of(), "alice").id();
        String destination = connections
                .create(ConnectionKind.DESTINATION, name + "-dst", "clickhouse", Map.of(), "alice").id();
        return new JpaPipelineStore(transactions, clock).create(draft(name, source, destination, upstreamIds));
    }

    /** @return a pipeline as a caller hands it to create: no id, no timestamps */
    static Pipeline draft(String name, String sourceId, String destinationId, String... upstreamIds) {
        return new Pipeline(null, name, sourceId, destinationId, Map.of("streams", List.of("public.orders")), true,
                null, null, List.of(upstreamIds), null, null);
    }
}

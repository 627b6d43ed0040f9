package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.model.StreamSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which streams of an edited pipeline start over: those whose stored offsets would read in another order. */
class ReadChangedTest {
    private static StreamSpec stream(String name, String mode, String cursor, List<String> key) {
        return new StreamSpec(name, mode, cursor, key, null, null, List.of());
    }

    @Test
    void aChangedSyncModeCursorOrKeyStartsThatStreamOver() {
        List<StreamSpec> before = List.of(stream("s.a", "incremental", "updated_at", List.of()),
                stream("s.b", "incremental", "updated_at", List.of("id")),
                stream("s.c", "incremental", null, List.of()),
                stream("s.d", "full_refresh", null, List.of()),
                stream("s.e", "cdc", null, List.of()));
        List<StreamSpec> after = List.of(stream("s.a", "full_refresh", null, List.of()),
                stream("s.b", "incremental", "updated_at", List.of("id", "tenant")),
                stream("s.c", "incremental", "created_at", List.of()),
                stream("s.d", "full_refresh", null, List.of()),
                stream("s.e", "incremental", null, List.of()),
                stream("s.f", "incremental", null, List.of()));

        assertThat(Pipelines.readChanged(before, after)).containsExactly("s.a", "s.b", "s.c");
    }

    @Test
    void aPipelinePutBackAsReadKeepsEveryOffset() {
        List<StreamSpec> streams = List.of(stream("s.a", "incremental", "updated_at", List.of("id")));
        assertThat(Pipelines.readChanged(streams, List.copyOf(streams))).isEmpty();
    }
}

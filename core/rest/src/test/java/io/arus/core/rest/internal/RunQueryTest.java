package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arus.core.store.RunFilter;
import io.arus.core.store.RunStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunQueryTest {
    @Test
    void takesEveryFilterWithInstantsOrUtcDays() {
        RunQuery query = RunQuery.of("p-1", "succeeded_with_warnings", "schedule", "2026-12-04T18:00:00+01:00",
                "2026-12-05", 500, 20);

        assertThat(query).isEqualTo(new RunQuery(new RunFilter("p-1", RunStatus.SUCCEEDED_WITH_WARNINGS, "schedule",
                Instant.parse("2026-12-04T17:00:00Z"), Instant.parse("2026-12-05T00:00:00Z")), 500, 20));
        assertThat(RunQuery.of(null, null, null, null, null, 1, 0).filter()).isEqualTo(RunFilter.ALL);
        assertThat(RunQuery.of(null, "", "", "", "", 1, 0).filter()).isEqualTo(RunFilter.ALL);
    }

    @Test
    void aBadParameterIsA400NamingIt() {
        assertThat(field(() -> RunQuery.of(null, "bogus", null, null, null, 50, 0))).isEqualTo("status");
        assertThat(field(() -> RunQuery.of(null, "SUCCEEDED", null, null, null, 50, 0))).isEqualTo("status");
        assertThat(field(() -> RunQuery.of(null, null, "cron", null, null, 50, 0))).isEqualTo("trigger");
        assertThat(field(() -> RunQuery.of(null, null, null, "yesterday", null, 50, 0))).isEqualTo("since");
        assertThat(field(() -> RunQuery.of(null, null, null, null, "2026-12-04T18:00:00", 50, 0))).isEqualTo("until");
        assertThat(field(() -> RunQuery.of(null, null, null, "2026-12-05", "2026-12-04", 50, 0))).isEqualTo("until");
        assertThat(field(() -> RunQuery.of("x".repeat(37), null, null, null, null, 50, 0))).isEqualTo("pipeline_id");
        assertThat(field(() -> RunQuery.of(null, null, null, null, null, 0, 0))).isEqualTo("limit");
        assertThat(field(() -> RunQuery.of(null, null, null, null, null, 501, 0))).isEqualTo("limit");
        assertThat(field(() -> RunQuery.of(null, null, null, null, null, 50, -1))).isEqualTo("offset");
    }

    private static String field(Runnable call) {
        ApiException refused = catchThrowableOfType(call::run, ApiException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.errors().get(0).field();
    }
}

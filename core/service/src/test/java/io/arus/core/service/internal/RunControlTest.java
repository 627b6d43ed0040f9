package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.engine.RunService;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.ForbiddenException;
import io.arus.core.service.NotFoundException;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunControlTest {
    private static final Actor EDITOR = new Actor("erin", Role.EDITOR, "10.0.0.7");
    private static final Actor VIEWER = new Actor("vic", Role.VIEWER, "10.0.0.8");

    private final List<String> events = new ArrayList<>();
    private final Map<String, Run> runs = new HashMap<>();
    private final RunControl control = new RunControl(engine(), runStore(), pipelines(), Fakes.audit(events));

    @Test
    void aRunStartIsAuditedBeforeTheEngineStartsIt() {
        Run run = control.start(EDITOR, "p1", "shell");

        assertThat(run.trigger()).isEqualTo("shell");
        assertThat(events).containsExactly("audit pipeline.run pipeline:p1 orders, trigger shell by erin", "engine start p1 shell");
    }

    @Test
    void aViewerIsRefusedBeforeAnythingIsAuditedOrStarted() {
        assertThatThrownBy(() -> control.start(VIEWER, "p1", "api")).isInstanceOf(ForbiddenException.class)
                .hasMessage("this needs the editor role; vic is viewer");
        assertThatThrownBy(() -> control.cancel(VIEWER, "r1")).isInstanceOf(ForbiddenException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void aPipelineThatRunsAlreadyIsAConflictAndAnUnknownOneNotFound() {
        runs.put("busy", run("busy", RunStatus.RUNNING));
        assertThatThrownBy(() -> control.start(EDITOR, "p-busy", "api")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already has a running run");
        assertThatThrownBy(() -> control.start(EDITOR, "nope", "api")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void pauseResumeAndCancelAreAuditedBeforeTheyActAndOnlyInTheirStates() {
        runs.put("r1", run("r1", RunStatus.RUNNING));

        assertThat(control.pause(EDITOR, "r1").status()).isEqualTo(RunStatus.PAUSED);
        assertThatThrownBy(() -> control.pause(EDITOR, "r1")).isInstanceOf(ConflictException.class)
                .hasMessage("run r1 is paused; only a running run can pause");
        assertThat(control.resume(EDITOR, "r1").status()).isEqualTo(RunStatus.RUNNING);
        assertThat(control.cancel(EDITOR, "r1").status()).isEqualTo(RunStatus.CANCELLED);
        assertThatThrownBy(() -> control.cancel(EDITOR, "r1")).isInstanceOf(ConflictException.class)
                .hasMessage("run r1 already ended (cancelled)");
        assertThatThrownBy(() -> control.resume(EDITOR, "missing")).isInstanceOf(NotFoundException.class);

        assertThat(events).containsExactly("audit run.pause run:r1 null by erin", "engine pause r1",
                "audit run.resume run:r1 null by erin", "engine resume r1",
                "audit run.cancel run:r1 null by erin", "engine cancel r1");
    }

    private static Run run(String id, RunStatus status) {
        return new Run(id, "p1", status, "api", Instant.EPOCH, Instant.EPOCH, status.isFinal() ? Instant.EPOCH : null, null);
    }

    private RunService engine() {
        return Fakes.of(RunService.class, Map.of(
                "start", a -> {
                    if ("p-busy".equals(a[0])) {
                        throw new IllegalStateException("pipeline p-busy already has a running run busy");
                    }
                    events.add("engine start " + a[0] + " " + a[1]);
                    return new Run("new", (String) a[0], RunStatus.QUEUED, (String) a[1], Instant.EPOCH, null, null, null);
                },
                "pause", a -> move((String) a[0], "pause", RunStatus.PAUSED),
                "resume", a -> move((String) a[0], "resume", RunStatus.RUNNING),
                "cancel", a -> move((String) a[0], "cancel", RunStatus.CANCELLED)));
    }

    private Optional<Run> move(String id, String what, RunStatus to) {
        events.add("engine " + what + " " + id);
        runs.put(id, run(id, to));
        return Optional.of(runs.get(id));
    }

    private RunStore runStore() {
        return Fakes.of(RunStore.class, Map.of("byId", a -> Optional.ofNullable(runs.get((String) a[0]))));
    }

    private static PipelineStore pipelines() {
        return Fakes.of(PipelineStore.class, Map.of("byId", a -> switch ((String) a[0]) {
            case "p1" -> Optional.of(pipeline("p1", "orders"));
            case "p-busy" -> Optional.of(pipeline("p-busy", "busy"));
            default -> Optional.empty();
        }));
    }

    private static Pipeline pipeline(String id, String name) {
        return new Pipeline(id, name, "s", "d", Map.of(), true, null, null, List.of(), Instant.EPOCH, Instant.EPOCH);
    }
}

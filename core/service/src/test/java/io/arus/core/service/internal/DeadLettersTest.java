package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.engine.DeadLetterReplay;
import io.arus.core.model.InvalidModelException;
import io.arus.core.service.Actor;
import io.arus.core.service.DeadLetterService;
import io.arus.core.service.ForbiddenException;
import io.arus.core.store.DeadLetter;
import io.arus.core.store.DeadLetterStore;
import io.arus.core.store.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Actor EDITOR = new Actor("erin", Role.EDITOR, null);

    private final List<String> events = new ArrayList<>();
    private final DeadLetters deadLetters = new DeadLetters(store(), replay(), Fakes.audit(events));

    @Test
    void aReplayIsAuditedBeforeItsRowsGoOutAndItsOutcomeAfter() {
        DeadLetterService.Replayed result = deadLetters.replay(EDITOR, "run-1", null);

        assertThat(result.replayed()).isEqualTo(1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(events).containsExactly("audit dead_letters.replay run:run-1 2 dead letter(s) to replay by erin",
                "replay [l1, l3]", "audit dead_letters.replayed run:run-1 1 of 2 replayed by erin");
    }

    @Test
    void everyIdIsCheckedBeforeAnythingIsAuditedOrReplayed() {
        assertThatThrownBy(() -> deadLetters.replay(EDITOR, null, List.of("l1", "x".repeat(37))))
                .isInstanceOfSatisfying(InvalidModelException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("ids[1]"));
        assertThatThrownBy(() -> deadLetters.replay(EDITOR, "run-empty", null))
                .isInstanceOfSatisfying(InvalidModelException.class,
                        e -> assertThat(e.violations().get(0)).hasToString("run_id: names no dead letter waiting for a replay"));
        assertThatThrownBy(() -> deadLetters.replay(new Actor("vic", Role.VIEWER, null), "run-1", null))
                .isInstanceOf(ForbiddenException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void aListNamesItsBadParameter() {
        assertThatThrownBy(() -> deadLetters.list(null, 10, 0)).isInstanceOfSatisfying(InvalidModelException.class,
                e -> assertThat(e.violations().get(0).field()).isEqualTo("run_id"));
        assertThatThrownBy(() -> deadLetters.list("run-1", 1001, 0)).isInstanceOfSatisfying(InvalidModelException.class,
                e -> assertThat(e.violations().get(0).field()).isEqualTo("limit"));
        assertThatThrownBy(() -> deadLetters.list("run-1", 10, -1)).isInstanceOfSatisfying(InvalidModelException.class,
                e -> assertThat(e.violations().get(0).field()).isEqualTo("offset"));
        assertThat(deadLetters.list("run-1", 10, 0)).hasSize(3);
    }

    private static DeadLetterStore store() {
        return Fakes.of(DeadLetterStore.class, Map.of("byRun", a -> "run-1".equals(a[0]) && (int) a[2] == 0
                ? List.of(letter("l1", null), letter("l2", Instant.EPOCH), letter("l3", null)) : List.of()));
    }

    private static DeadLetter letter(String id, Instant replayedAt) {
        return new DeadLetter(id, "run-1", "p1", "public.codes", "too long", Map.of("id", 7), Instant.EPOCH, replayedAt);
    }

    private DeadLetterReplay replay() {
        return ids -> {
            events.add("replay " + ids);
            return List.of(new DeadLetterReplay.Outcome(ids.get(0), true, null),
                    new DeadLetterReplay.Outcome(ids.get(1), false, "still too long"));
        };
    }
}

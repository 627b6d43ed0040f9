package io.arus.core.service.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.model.InvalidModelException;
import io.arus.core.service.Actor;
import io.arus.core.service.ForbiddenException;
import io.arus.core.store.Role;
import io.arus.core.store.SettingsStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private final List<String> events = new ArrayList<>();
    private final Map<String, String> stored = new TreeMap<>();
    private final Settings settings = new Settings(store(), Fakes.audit(events));

    @Test
    void anAdminsChangeIsAuditedBeforeItIsStored() {
        Map<String, String> all = settings.update(new Actor("ada", Role.ADMIN, null), Map.of("runs.keep_days", "30"));

        assertThat(all).containsEntry("runs.keep_days", "30");
        assertThat(settings.get("runs.keep_days")).contains("30");
        assertThat(events).containsExactly("audit settings.update null runs.keep_days by ada", "put runs.keep_days");
    }

    @Test
    void anEditorIsRefusedAndABadKeyOrValueIsNamedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> settings.update(new Actor("erin", Role.EDITOR, null), Map.of("a", "b")))
                .isInstanceOf(ForbiddenException.class);
        Actor admin = new Actor("ada", Role.ADMIN, null);
        assertThatThrownBy(() -> settings.update(admin, Map.of("Bad-Key", "x")))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("Bad-Key"));
        assertThatThrownBy(() -> settings.update(admin, Map.of("long", "x".repeat(10_001))))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.violations().get(0).field()).isEqualTo("long"));
        assertThat(settings.get("Bad-Key")).isEmpty();
        assertThat(events).isEmpty();
    }

    private SettingsStore store() {
        return Fakes.of(SettingsStore.class, Map.of(
                "get", a -> Optional.ofNullable(stored.get((String) a[0])),
                "put", a -> {
                    events.add("put " + a[0]);
                    stored.put((String) a[0], (String) a[1]);
                    return null;
                },
                "all", a -> Map.copyOf(stored)));
    }
}

package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.arus.core.store.SettingsStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SettingsStore} does, on the database of the subclass. */
abstract class SettingsStoreContract extends DatabaseTest {
    SettingsStore settings;

    @BeforeEach
    void createStore() {
        settings = new JpaSettingsStore(persistence);
    }

    @Test
    void anUnsetKeyHasNoValue() {
        assertThat(settings.get("smtp.host")).isEmpty();
        assertThat(settings.all()).isEmpty();
    }

    @Test
    void putSetsAndThenReplacesAValue() {
        settings.put("smtp.host", "mail.example.com");
        assertThat(settings.get("smtp.host")).contains("mail.example.com");

        settings.put("smtp.host", "relay.example.com");
        assertThat(settings.get("smtp.host")).contains("relay.example.com");
        assertThat(settings.all()).hasSize(1);
    }

    @Test
    void keepsLongValues() {
        String json = "{\"a\":\"" + "x".repeat(20_000) + "\"}";

        settings.put("console.layout", json);

        assertThat(settings.get("console.layout")).contains(json);
    }

    @Test
    void allListsEverySettingByKey() {
        settings.put("b", "2");
        settings.put("a", "1");
        settings.put("c", "3");

        assertThat(settings.all()).containsExactly(
                entry("a", "1"),
                entry("b", "2"),
                entry("c", "3"));
    }
}

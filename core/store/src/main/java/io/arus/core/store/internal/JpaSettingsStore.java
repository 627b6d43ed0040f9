package io.arus.core.store.internal;

import io.arus.core.store.SettingsStore;
import jakarta.persistence.PersistenceException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Settings in {@code settings}. */
@Component(service = SettingsStore.class)
public final class JpaSettingsStore implements SettingsStore {
    private final Transactions transactions;

    @Activate
    public JpaSettingsStore(@Reference Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<String> get(String key) {
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(SettingEntity.class, key))
                .map(setting -> setting.value));
    }

    @Override
    public void put(String key, String value) {
        Objects.requireNonNull(key, "key");
        try {
            write(key, value);
        } catch (PersistenceException e) {
            // another node inserted the same new key between our read and our insert: now it is an update
            if (!Constraints.isUniqueViolation(e)) {
                throw e;
            }
            write(key, value);
        }
    }

    private void write(String key, String value) {
        transactions.inTransaction(em -> {
            SettingEntity setting = em.find(SettingEntity.class, key);
            if (setting == null) {
                setting = new SettingEntity();
                setting.key = key;
                setting.value = value;
                em.persist(setting);
            } else {
                setting.value = value;
            }
            em.flush();
            return null;
        });
    }

    @Override
    public Map<String, String> all() {
        return transactions.inTransaction(em -> {
            Map<String, String> settings = new TreeMap<>();
            for (SettingEntity setting : em.createQuery("SELECT s FROM SettingEntity s", SettingEntity.class)
                    .getResultList()) {
                settings.put(setting.key, setting.value);
            }
            return settings;
        });
    }
}

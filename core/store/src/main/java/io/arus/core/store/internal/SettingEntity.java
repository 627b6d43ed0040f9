package io.arus.core.store.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code settings}. */
@Entity
@Table(name = "settings")
public class SettingEntity {
    @Id
    String key;
    String value;
}

package io.arus.core.store.internal;

import io.arus.core.store.NotificationTarget;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code notification_targets}: a configured Slack channel, mailbox, webhook... */
@Entity
@Table(name = "notification_targets")
public class NotificationTargetEntity {
    @Id
    String id;
    String name;
    String type;
    /** The notifier configuration as a JSON object. */
    String config;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;

    NotificationTarget toRecord() {
        return new NotificationTarget(id, name, type, ConfigJson.read(config), createdAt, updatedAt);
    }
}

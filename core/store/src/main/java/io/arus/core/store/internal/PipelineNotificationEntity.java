package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code pipeline_notifications}: which target hears which event of a pipeline. */
@Entity
@Table(name = "pipeline_notifications")
@IdClass(PipelineNotificationEntity.Key.class)
public class PipelineNotificationEntity {
    @Id
    @Column(name = "pipeline_id")
    String pipelineId;
    @Id
    @Column(name = "target_id")
    String targetId;
    @Id
    String event;

    /** The primary key; JPA wants a public class with a no-argument constructor, so not a record. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String pipelineId;
        String targetId;
        String event;

        public Key() {
        }

        Key(String pipelineId, String targetId, String event) {
            this.pipelineId = pipelineId;
            this.targetId = targetId;
            this.event = event;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(pipelineId, key.pipelineId)
                    && Objects.equals(targetId, key.targetId) && Objects.equals(event, key.event);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pipelineId, targetId, event);
        }
    }
}

package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code stream_offsets}: where reading a split of a stream resumes. */
@Entity
@Table(name = "stream_offsets")
@IdClass(StreamOffsetEntity.Key.class)
public class StreamOffsetEntity {
    @Id
    @Column(name = "pipeline_id")
    String pipelineId;
    @Id
    String stream;
    @Id
    @Column(name = "split_id")
    String splitId;
    /** The connector's opaque offset as a JSON object. */
    @Column(name = "offset_json")
    String offsetJson;
    @Column(name = "updated_at")
    Instant updatedAt;

    /** The primary key; JPA wants a public class with a no-argument constructor, so not a record. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String pipelineId;
        String stream;
        String splitId;

        public Key() {
        }

        Key(String pipelineId, String stream, String splitId) {
            this.pipelineId = pipelineId;
            this.stream = stream;
            this.splitId = splitId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(pipelineId, key.pipelineId)
                    && Objects.equals(stream, key.stream) && Objects.equals(splitId, key.splitId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pipelineId, stream, splitId);
        }
    }
}

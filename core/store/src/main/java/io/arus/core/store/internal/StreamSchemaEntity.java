package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code stream_schemas}: the columns a stream had on its last run. */
@Entity
@Table(name = "stream_schemas")
@IdClass(StreamSchemaEntity.Key.class)
public class StreamSchemaEntity {
    @Id
    @Column(name = "pipeline_id")
    String pipelineId;
    @Id
    String stream;
    /** A JSON array of {@code "name type"} strings. */
    @Column(name = "columns_json")
    String columnsJson;
    @Column(name = "updated_at")
    Instant updatedAt;

    /** The primary key; JPA wants a public class with a no-argument constructor, so not a record. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String pipelineId;
        String stream;

        public Key() {
        }

        Key(String pipelineId, String stream) {
            this.pipelineId = pipelineId;
            this.stream = stream;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(pipelineId, key.pipelineId)
                    && Objects.equals(stream, key.stream);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pipelineId, stream);
        }
    }
}

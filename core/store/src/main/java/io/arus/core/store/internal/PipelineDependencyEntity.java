package io.arus.core.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code pipeline_dependencies}: the pipeline runs after its upstream succeeded. */
@Entity
@Table(name = "pipeline_dependencies")
@IdClass(PipelineDependencyEntity.Key.class)
public class PipelineDependencyEntity {
    @Id
    @Column(name = "pipeline_id")
    String pipelineId;
    @Id
    @Column(name = "upstream_id")
    String upstreamId;

    /** The primary key; JPA wants a public class with a no-argument constructor, so not a record. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String pipelineId;
        String upstreamId;

        public Key() {
        }

        Key(String pipelineId, String upstreamId) {
            this.pipelineId = pipelineId;
            this.upstreamId = upstreamId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(pipelineId, key.pipelineId)
                    && Objects.equals(upstreamId, key.upstreamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(pipelineId, upstreamId);
        }
    }
}

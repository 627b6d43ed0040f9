package io.arus.core.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.core.store.StreamSchemaStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The columns of each stream's last run in {@code stream_schemas}, as a JSON array of strings. */
@Component(service = StreamSchemaStore.class)
public final class JpaStreamSchemaStore implements StreamSchemaStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaStreamSchemaStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaStreamSchemaStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Optional<List<String>> get(String pipelineId, String stream) {
        StreamSchemaEntity.Key key = new StreamSchemaEntity.Key(pipelineId, stream);
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(StreamSchemaEntity.class, key))
                .map(schema -> read(schema.columnsJson)));
    }

    /** @throws jakarta.persistence.PersistenceException when the pipeline does not exist (any more) */
    @Override
    public void put(String pipelineId, String stream, List<String> columns) {
        StreamSchemaEntity row = new StreamSchemaEntity();
        row.pipelineId = Objects.requireNonNull(pipelineId, "pipelineId");
        row.stream = Objects.requireNonNull(stream, "stream");
        row.columnsJson = write(List.copyOf(columns));
        row.updatedAt = StoredTime.now(clock);
        Upserts.merge(transactions, row);
    }

    @Override
    public Map<String, List<String>> all(String pipelineId) {
        return transactions.inTransaction(em -> {
            Map<String, List<String>> schemas = new TreeMap<>();
            for (StreamSchemaEntity schema : em.createQuery(
                    "SELECT s FROM StreamSchemaEntity s WHERE s.pipelineId = :pipelineId", StreamSchemaEntity.class)
                    .setParameter("pipelineId", pipelineId).getResultList()) {
                schemas.put(schema.stream, read(schema.columnsJson));
            }
            return schemas;
        });
    }

    @Override
    public void clear(String pipelineId, String stream) {
        transactions.inTransaction(em -> em
                .createQuery("DELETE FROM StreamSchemaEntity s WHERE s.pipelineId = :pipelineId AND s.stream = :stream")
                .setParameter("pipelineId", pipelineId).setParameter("stream", stream).executeUpdate());
    }

    @Override
    public void clearAll(String pipelineId) {
        transactions.inTransaction(em -> em
                .createQuery("DELETE FROM StreamSchemaEntity s WHERE s.pipelineId = :pipelineId")
                .setParameter("pipelineId", pipelineId).executeUpdate());
    }

    private static String write(List<String> columns) {
        try {
            return MAPPER.writeValueAsString(columns);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("columns are not JSON-friendly: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> read(String json) {
        try {
            return List.copyOf(MAPPER.readValue(json, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored columns are not a JSON array of strings: " + e.getOriginalMessage(), e);
        }
    }
}

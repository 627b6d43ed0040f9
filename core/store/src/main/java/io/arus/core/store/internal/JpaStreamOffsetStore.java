package io.arus.core.store.internal;

import io.arus.api.record.Offset;
import io.arus.core.store.StreamOffsetStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Offsets in {@code stream_offsets}, as the JSON text {@code {"version": 1, "values": {...}}} (the shape every
 * earlier server wrote, so an upgraded server resumes where the old one stopped). {@link #put} runs after every
 * flushed batch, so it is a single merge by primary key in one short transaction. Numbers with a fraction come back
 * as BigDecimal with every digit (whole numbers as Integer, Long or BigInteger): a NUMERIC cursor rounded through a
 * double would make the next run skip or repeat the rows at the boundary.
 */
@Component(service = StreamOffsetStore.class)
public final class JpaStreamOffsetStore implements StreamOffsetStore {
    private final Transactions transactions;
    private final Clock clock;

    @Activate
    public JpaStreamOffsetStore(@Reference Transactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    JpaStreamOffsetStore(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Optional<Offset> get(String pipelineId, String stream, String splitId) {
        StreamOffsetEntity.Key key = new StreamOffsetEntity.Key(pipelineId, stream, splitId);
        return transactions.inTransaction(em -> Optional.ofNullable(em.find(StreamOffsetEntity.class, key))
                .map(offset -> read(offset.offsetJson)));
    }

    /** @throws jakarta.persistence.PersistenceException when the pipeline does not exist (any more) */
    @Override
    public void put(String pipelineId, String stream, String splitId, Offset offset) {
        StreamOffsetEntity row = new StreamOffsetEntity();
        row.pipelineId = Objects.requireNonNull(pipelineId, "pipelineId");
        row.stream = Objects.requireNonNull(stream, "stream");
        row.splitId = Objects.requireNonNull(splitId, "splitId");
        row.offsetJson = write(Objects.requireNonNull(offset, "offset"));
        row.updatedAt = StoredTime.now(clock);
        Upserts.merge(transactions, row);
    }

    @Override
    public Map<String, Map<String, Offset>> all(String pipelineId) {
        return transactions.inTransaction(em -> {
            Map<String, Map<String, Offset>> offsets = new TreeMap<>();
            for (StreamOffsetEntity offset : em.createQuery(
                    "SELECT o FROM StreamOffsetEntity o WHERE o.pipelineId = :pipelineId", StreamOffsetEntity.class)
                    .setParameter("pipelineId", pipelineId).getResultList()) {
                offsets.computeIfAbsent(offset.stream, stream -> new TreeMap<>())
                        .put(offset.splitId, read(offset.offsetJson));
            }
            return offsets;
        });
    }

    @Override
    public void clear(String pipelineId, String stream) {
        transactions.inTransaction(em -> em
                .createQuery("DELETE FROM StreamOffsetEntity o WHERE o.pipelineId = :pipelineId AND o.stream = :stream")
                .setParameter("pipelineId", pipelineId).setParameter("stream", stream).executeUpdate());
    }

    @Override
    public void clearAll(String pipelineId) {
        transactions.inTransaction(em -> em
                .createQuery("DELETE FROM StreamOffsetEntity o WHERE o.pipelineId = :pipelineId")
                .setParameter("pipelineId", pipelineId).executeUpdate());
    }

    /** @throws IllegalArgumentException for a value JSON cannot hold */
    static String write(Offset offset) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", offset.version());
        json.put("values", offset.values());
        return ConfigJson.write(json);
    }

    /** Reads what {@link #write} wrote; a missing version is 1 and missing values are none, as before. */
    static Offset read(String json) {
        Map<String, Object> stored = ConfigJson.readExact(json);
        Map<String, Object> values = new LinkedHashMap<>();
        if (stored.get("values") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> values.put(String.valueOf(key), value));
        }
        return new Offset(stored.get("version") instanceof Number version ? version.intValue() : 1, values);
    }
}

package io.arus.core.store.internal;

import static io.arus.core.store.ConnectionKind.DESTINATION;
import static io.arus.core.store.ConnectionKind.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.ConflictException;
import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectionStore} does, on the database of the subclass. */
abstract class ConnectionStoreContract extends DatabaseTest {
    static final Map<String, Object> PG_CONFIG = Map.of("host", "db.local", "port", 5432, "ssl", true);

    ConnectionStore connections;

    @BeforeEach
    void createStore() {
        connections = new JpaConnectionStore(persistence, clock);
    }

    @Test
    void createdConnectionIsFoundByIdInItsKindOnly() throws ConflictException {
        Connection source = connections.create(SOURCE, "orders-db", "postgresql", PG_CONFIG, "alice");

        assertThat(source.kind()).isEqualTo(SOURCE);
        assertThat(source.name()).isEqualTo("orders-db");
        assertThat(source.type()).isEqualTo("postgresql");
        assertThat(source.config()).isEqualTo(PG_CONFIG);
        assertThat(source.createdBy()).isEqualTo("alice");
        assertThat(source.createdAt()).isEqualTo(clock.instant()).isEqualTo(source.updatedAt());
        assertThat(connections.byId(SOURCE, source.id())).contains(source);
        assertThat(connections.byId(DESTINATION, source.id())).isEmpty();
    }

    @Test
    void keepsNestedConfigurationAsEqualMaps() throws ConflictException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", "db.local");
        config.put("port", 5432);
        config.put("big", 9_007_199_254_740_993L);
        config.put("ratio", 0.25);
        config.put("password", "enc:v1:AbC==");
        config.put("nothing", null);
        config.put("tables", List.of("public.orders", "public.customers"));
        config.put("options", Map.of("fetchSize", 10_000, "ssl", Map.of("mode", "verify-full", "enabled", true)));

        Connection created = connections.create(SOURCE, "nested", "postgresql", config, "alice");

        assertThat(connections.byId(SOURCE, created.id()).orElseThrow().config()).isEqualTo(config);
    }

    @Test
    void listsOneKindByName() throws ConflictException {
        connections.create(SOURCE, "b-source", "mysql", Map.of(), "alice");
        connections.create(SOURCE, "a-source", "postgresql", Map.of(), "alice");
        connections.create(DESTINATION, "warehouse", "clickhouse", Map.of(), "alice");

        assertThat(connections.list(SOURCE)).extracting(Connection::name).containsExactly("a-source", "b-source");
        assertThat(connections.list(DESTINATION)).extracting(Connection::name).containsExactly("warehouse");
    }

    @Test
    void refusesANameTakenInTheSameKindOnly() throws ConflictException {
        connections.create(SOURCE, "main", "postgresql", PG_CONFIG, "alice");

        assertThatThrownBy(() -> connections.create(SOURCE, "main", "mysql", Map.of(), "bob"))
                .isInstanceOf(ConflictException.class).hasMessage("source name 'main' is taken");
        assertThat(connections.create(DESTINATION, "main", "postgresql", Map.of(), "bob").name()).isEqualTo("main");
    }

    @Test
    void updateReplacesNameTypeAndConfig() throws ConflictException {
        Connection source = connections.create(SOURCE, "old", "postgresql", PG_CONFIG, "alice");
        clock.advance(Duration.ofMinutes(5));

        Connection updated = connections.update(SOURCE, source.id(), "new", "mysql", Map.of("host", "m")).orElseThrow();

        assertThat(updated).extracting(Connection::name, Connection::type, Connection::config, Connection::createdBy,
                Connection::createdAt).containsExactly("new", "mysql", Map.of("host", "m"), "alice", source.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(clock.instant());
        assertThat(connections.byId(SOURCE, source.id())).contains(updated);
    }

    @Test
    void updateMayKeepItsOwnNameButNotTakeAnother() throws ConflictException {
        Connection first = connections.create(DESTINATION, "first", "postgresql", Map.of(), "alice");
        connections.create(DESTINATION, "second", "postgresql", Map.of(), "alice");

        assertThat(connections.update(DESTINATION, first.id(), "first", "mysql", Map.of())).isPresent();
        assertThatThrownBy(() -> connections.update(DESTINATION, first.id(), "second", "mysql", Map.of()))
                .isInstanceOf(ConflictException.class).hasMessage("destination name 'second' is taken");
        assertThat(connections.byId(DESTINATION, first.id()).orElseThrow().name()).isEqualTo("first");
    }

    @Test
    void updateOfAnUnknownConnectionIsEmpty() throws ConflictException {
        assertThat(connections.update(SOURCE, "no-such-id", "x", "postgresql", Map.of())).isEmpty();
    }

    @Test
    void deleteRemovesAnUnusedConnection() throws ConflictException {
        Connection source = connections.create(SOURCE, "unused", "postgresql", Map.of(), "alice");

        assertThat(connections.delete(DESTINATION, source.id())).isFalse();
        assertThat(connections.delete(SOURCE, source.id())).isTrue();
        assertThat(connections.byId(SOURCE, source.id())).isEmpty();
        assertThat(connections.delete(SOURCE, source.id())).isFalse();
    }

    @Test
    void deleteOfAConnectionInUseNamesThePipelines() throws ConflictException {
        Connection source = connections.create(SOURCE, "orders-db", "postgresql", Map.of(), "alice");
        Connection destination = connections.create(DESTINATION, "warehouse", "clickhouse", Map.of(), "alice");
        insertPipeline("orders-hourly", source.id(), destination.id());
        insertPipeline("orders-daily", source.id(), destination.id());

        assertThatThrownBy(() -> connections.delete(SOURCE, source.id())).isInstanceOf(ConflictException.class)
                .hasMessage("source 'orders-db' is used by pipeline(s) orders-daily, orders-hourly");
        assertThatThrownBy(() -> connections.delete(DESTINATION, destination.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("orders-daily, orders-hourly");
        assertThat(connections.byId(SOURCE, source.id())).isPresent();
    }

    private void insertPipeline(String name, String sourceId, String destinationId) {
        database.execute("INSERT INTO pipelines (id, name, source_id, destination_id, definition, enabled,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, '{}', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                UUID.randomUUID().toString(), name, sourceId, destinationId);
    }
}

package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.ClusterNodeStore.Node;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ClusterNodeStore} does, on the database of the subclass. */
abstract class ClusterNodeStoreContract extends DatabaseTest {
    ClusterNodeStore nodes;

    @BeforeEach
    void createStore() {
        nodes = new JpaClusterNodeStore(persistence);
    }

    @Test
    void aNodesHeartbeatsUpdateOneRowAndLongGoneNodesAreForgotten() {
        Instant started = StoredTime.of(clock.instant());
        nodes.beat("node-a", started, clock.instant());
        nodes.beat("node-b", started, clock.instant());
        clock.advance(Duration.ofSeconds(10));
        nodes.beat("node-a", started, clock.instant());

        assertThat(nodes.all()).containsExactly(new Node("node-a", started, StoredTime.of(clock.instant())),
                new Node("node-b", started, started));

        nodes.forgetBefore(clock.instant().minusSeconds(5));
        assertThat(nodes.all()).extracting(Node::nodeId).containsExactly("node-a");
    }
}

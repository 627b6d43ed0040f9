package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.ConflictException;
import io.arus.core.store.RunLeaseStore;
import io.arus.core.store.RunLeaseStore.Lease;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RunLeaseStore} does, on the database of the subclass. */
abstract class RunLeaseStoreContract extends DatabaseTest {
    private static final Duration TTL = Duration.ofSeconds(30);
    RunLeaseStore leases;
    String pipeline;

    @BeforeEach
    void createStoreAndPipeline() throws ConflictException {
        leases = new JpaRunLeaseStore(persistence);
        pipeline = TestPipelines.create(persistence, clock, "orders").id();
    }

    @Test
    void onePipelineHasOneLiveLeaseWhicheverNodeClaims() {
        assertThat(leases.claim(pipeline, "k1", "node-a", clock.instant(), TTL)).isEmpty();
        leases.attach(pipeline, "k1", "run-1");

        Optional<Lease> refused = leases.claim(pipeline, "k2", "node-b", clock.instant(), TTL);

        assertThat(refused).get().satisfies(lease -> {
            assertThat(lease.runId()).isEqualTo("run-1");
            assertThat(lease.nodeId()).isEqualTo("node-a");
            assertThat(lease.expiresAt()).isEqualTo(StoredTime.of(clock.instant()).plus(TTL));
        });
        assertThat(leases.claim(pipeline, "k3", "node-a", clock.instant(), TTL)).as("the same node too").isPresent();
    }

    @Test
    void aLapsedLeaseIsTakenOverAndARenewedOneIsNot() {
        leases.claim(pipeline, "run-1", "node-a", clock.instant(), TTL);
        clock.advance(Duration.ofSeconds(20));
        assertThat(leases.renew("node-a", clock.instant(), TTL)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));
        assertThat(leases.claim(pipeline, "run-2", "node-b", clock.instant(), TTL)).as("renewed 20 s ago").isPresent();
        assertThat(leases.all()).singleElement().satisfies(lease -> assertThat(lease.expiredAt(clock.instant())).isFalse());

        clock.advance(Duration.ofSeconds(11));
        assertThat(leases.all().get(0).expiredAt(clock.instant())).isTrue();
        assertThat(leases.claim(pipeline, "run-2", "node-b", clock.instant(), TTL)).as("lapsed 1 s ago").isEmpty();
        assertThat(leases.all()).extracting(Lease::runId, Lease::nodeId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("run-2", "node-b"));
        assertThat(leases.renew("node-a", clock.instant(), TTL)).as("node-a holds nothing now").isZero();
    }

    @Test
    void aReleasedLeaseFreesThePipeline() {
        leases.claim(pipeline, "run-1", "node-a", clock.instant(), TTL);
        leases.release("run-1");
        leases.release("run-unknown");

        assertThat(leases.all()).isEmpty();
        assertThat(leases.claim(pipeline, "run-2", "node-b", clock.instant(), TTL)).isEmpty();
    }
}

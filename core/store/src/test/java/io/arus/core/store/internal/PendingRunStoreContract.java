package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.store.ConflictException;
import io.arus.core.store.PendingRunStore;
import io.arus.core.store.PendingRunStore.PendingRun;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PendingRunStore} does, on the database of the subclass. */
abstract class PendingRunStoreContract extends DatabaseTest {
    PendingRunStore pending;
    String orders;
    String customers;

    @BeforeEach
    void createStoreAndPipelines() throws ConflictException {
        pending = new JpaPendingRunStore(persistence);
        orders = TestPipelines.create(persistence, clock, "orders").id();
        customers = TestPipelines.create(persistence, clock, "customers").id();
    }

    @Test
    void aPipelineHasOneWaitingRunAndLaterTriggersMergeIntoIt() {
        PendingRun first = pending.queue(orders, "schedule", clock.instant());
        clock.advance(Duration.ofSeconds(5));

        PendingRun merged = pending.queue(orders, "dependency", clock.instant());

        assertThat(merged).isEqualTo(first);
        assertThat(first.trigger()).isEqualTo("schedule");
        assertThat(pending.all()).containsExactly(first);
    }

    @Test
    void takingARunRemovesItOnceAndTheOldestComesFirst() {
        pending.queue(customers, "schedule", clock.instant());
        clock.advance(Duration.ofSeconds(1));
        pending.queue(orders, "dependency", clock.instant());

        assertThat(pending.all()).extracting(PendingRun::pipelineId).containsExactly(customers, orders);
        assertThat(pending.take(orders)).get().extracting(PendingRun::trigger).isEqualTo("dependency");
        assertThat(pending.take(orders)).isEmpty();
        pending.drop(customers);
        assertThat(pending.all()).isEmpty();
    }
}

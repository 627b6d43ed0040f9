package io.arus.core.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.core.platform.internal.BundleOperation.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleException;

class BundleOperationTest {
    @Test
    void activatorExceptionIsReportedWithItsOwnMessageAndThePhase() {
        BundleOperation operation = new BundleOperation(List.of(new Step("activation", () -> {
            throw new BundleException("Activator start error in bundle com.example [42].", BundleException.ACTIVATOR_ERROR,
                    new IllegalStateException("no license key"));
        })));

        operation.run();

        assertThat(operation.isDone()).isTrue();
        assertThat(operation.failure()).isEqualTo("activation failed: no license key");
    }

    @Test
    void unresolvableBundleIsNoFailureOfItsOwnTheInventoryExplainsIt() {
        BundleOperation operation = new BundleOperation(List.of(new Step("activation", () -> {
            throw new BundleException("Unable to resolve com.example: missing requirement", BundleException.RESOLVE_ERROR);
        })));

        operation.run();

        assertThat(operation.failure()).isNull();
    }

    @Test
    void stepsRunInOrderAndTheFailingOneNamesTheFailure() {
        List<String> ran = new ArrayList<>();
        BundleOperation operation = new BundleOperation(List.of(
                new Step("stop", () -> ran.add("stop")),
                new Step("update", () -> {
                    throw new IllegalStateException("disk full");
                }),
                new Step("activation", () -> ran.add("activation"))));

        operation.run();

        assertThat(ran).containsExactly("stop");
        assertThat(operation.phase()).isEqualTo("update");
        assertThat(operation.failure()).isEqualTo("update failed: disk full");
        assertThat(operation.kind()).isEqualTo("stop");
    }

    @Test
    void interruptUnblocksAStepThatWaitsForever() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        BundleOperation operation = new BundleOperation(List.of(new Step("activation", () -> {
            entered.countDown();
            new CountDownLatch(1).await();
        })));
        Thread thread = new Thread(operation);
        thread.start();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(operation.await(100)).as("still waiting").isFalse();
        assertThat(operation.failure()).as("nothing to report while it runs").isNull();
        operation.interrupt();

        assertThat(operation.await(5_000)).isTrue();
        assertThat(operation.failure()).isEqualTo("activation was interrupted");
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void stepsAfterAnInterruptAreNotRun() {
        List<String> ran = new ArrayList<>();
        BundleOperation operation = new BundleOperation(List.of(new Step("uninstall", () -> ran.add("uninstall"))));
        operation.interrupt();

        operation.run();

        assertThat(ran).isEmpty();
        assertThat(operation.failure()).isEqualTo("uninstall was interrupted");
    }
}

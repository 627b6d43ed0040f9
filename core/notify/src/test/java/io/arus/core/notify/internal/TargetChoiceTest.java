package io.arus.core.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.notify.Notification.Event;
import io.arus.core.store.NotificationSubscription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetChoiceTest {
    private static final List<NotificationSubscription> SUBSCRIPTIONS = List.of(
            new NotificationSubscription("both", List.of("recovered", "run_succeeded")),
            new NotificationSubscription("success", List.of("run_failed", "run_succeeded")),
            new NotificationSubscription("recovery", List.of("recovered", "run_failed")),
            new NotificationSubscription("schema", List.of("schema_changed")));

    @Test
    void eachTargetHearsTheMostSpecificEventItSubscribedToOnce() {
        assertThat(TargetChoice.choose(SUBSCRIPTIONS, List.of(Event.RECOVERED, Event.RUN_SUCCEEDED))).containsExactly(
                Map.entry("both", Event.RECOVERED), Map.entry("success", Event.RUN_SUCCEEDED),
                Map.entry("recovery", Event.RECOVERED));
    }

    @Test
    void aPlainSuccessReachesOnlyTheTargetsSubscribedToIt() {
        assertThat(TargetChoice.choose(SUBSCRIPTIONS, List.of(Event.RUN_SUCCEEDED)))
                .containsOnlyKeys("both", "success");
        assertThat(TargetChoice.choose(SUBSCRIPTIONS, List.of(Event.RUN_FAILED))).containsOnlyKeys("success",
                "recovery");
        assertThat(TargetChoice.choose(SUBSCRIPTIONS, List.of(Event.QUALITY_CHECK_FAILED))).isEmpty();
    }
}

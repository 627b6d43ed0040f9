package io.arus.core.notify.internal;

import io.arus.api.notify.Notification.Event;
import io.arus.core.store.NotificationSubscription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which targets hear an occurrence, and as which event: one notification per target, the most specific. */
final class TargetChoice {
    private TargetChoice() {
    }

    /**
     * @param subscriptions the pipeline's subscriptions
     * @param candidates    the events of the occurrence, most specific first
     * @return target id to the event it hears, in the subscriptions' order; targets subscribed to none left out
     */
    static Map<String, Event> choose(List<NotificationSubscription> subscriptions, List<Event> candidates) {
        Map<String, Event> chosen = new LinkedHashMap<>();
        for (NotificationSubscription subscription : subscriptions) {
            for (Event event : candidates) {
                if (subscription.events().contains(event.id())) {
                    chosen.putIfAbsent(subscription.targetId(), event);
                    break;
                }
            }
        }
        return chosen;
    }
}

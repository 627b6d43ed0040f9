package io.arus.core.notify.internal;

import io.arus.api.notify.Notification;
import io.arus.api.notify.Notification.Event;
import io.arus.api.notify.NotificationException;
import io.arus.core.store.NotificationDeliveryStore.Delivery;
import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one {@link RunOccurrence} into deliveries: finds the pipeline's subscriptions, tells a recovery from a
 * plain success, picks each target's event, builds the notification and starts one {@link TargetDelivery} per
 * target. Runs on the dispatcher's executor, never on the EventAdmin's thread.
 */
final class RunNotifier {
    private final NotificationTargetStore targets;
    private final PipelineStore pipelines;
    private final RunStore runs;
    private final TargetSender sender;
    private final Function<String, String> runLinks;
    private final RetryPolicy policy;
    private final Scheduler scheduler;
    private final DeliveryJournal journal;
    private final DeliveryLedger ledger;

    /** @param runLinks run id to its link in the console, or to null */
    RunNotifier(NotificationTargetStore targets, PipelineStore pipelines, RunStore runs, TargetSender sender,
                Function<String, String> runLinks, RetryPolicy policy, Scheduler scheduler, DeliveryJournal journal,
                DeliveryLedger ledger) {
        this.targets = targets;
        this.pipelines = pipelines;
        this.runs = runs;
        this.sender = sender;
        this.runLinks = runLinks;
        this.policy = policy;
        this.scheduler = scheduler;
        this.journal = journal;
        this.ledger = ledger;
    }

    void notify(RunOccurrence occurrence) {
        notify(occurrence, null);
    }

    /**
     * @param occurrence  what happened
     * @param traceparent the W3C traceparent of the run's span when the run was traced, else null: each delivery
     *                    runs in that trace, so a notifier's HTTP call carries it on
     */
    void notify(RunOccurrence occurrence, String traceparent) {
        List<NotificationSubscription> subscriptions = targets.subscriptions(occurrence.pipelineId());
        if (subscriptions.isEmpty()) {
            return;
        }
        RunOccurrence settled = occurrence.mayRecover() && Recovery.previousRunFailed(
                runs.list(occurrence.pipelineId(), Recovery.RUNS_LOOKED_AT), occurrence.runId())
                ? occurrence.recovered() : occurrence;
        Map<String, Event> chosen = TargetChoice.choose(subscriptions, settled.candidates());
        if (chosen.isEmpty()) {
            return;
        }
        String name = settled.pipelineName() != null ? settled.pipelineName()
                : pipelines.byId(settled.pipelineId()).map(Pipeline::name).orElse(settled.pipelineId());
        String status = settled.status() != null ? settled.status()
                : runs.byId(settled.runId()).map(Run::status).map(RunStatus::id).orElse(null);
        String link = runLinks.apply(settled.runId());
        chosen.forEach((targetId, event) -> {
            Delivery stored = ledger.open(targetId, settled.notification(event, name, status, link), traceparent);
            // each target on its own: a slow one does not hold up the others
            scheduler.schedule(() -> delivery(stored).start(), Duration.ZERO);
        });
    }

    /**
     * Goes on, when it is due, with a delivery stored before a restart or taken over from a node that stopped: at
     * the attempt it had reached, in the run's trace.
     */
    void resume(Delivery stored) {
        scheduler.schedule(() -> delivery(stored).start(), ledger.until(stored));
    }

    private TargetDelivery delivery(Delivery stored) {
        String targetId = stored.targetId();
        Notification notification = stored.notification();
        String target = targets.byId(targetId).map(t -> "'" + t.name() + "' (" + t.type() + ")").orElse(targetId);
        String what = "notification " + notification.event().id() + " to target " + target;
        Context trace = TraceParent.context(stored.traceparent());
        return new TargetDelivery(notification.runId(), what, () -> {
            try (Scope scope = trace.makeCurrent()) {
                sender.send(targets.byId(targetId)
                        .orElseThrow(() -> new NotificationException("the target was deleted", false, null)), notification);
            }
        }, policy, scheduler, journal, ledger.progress(stored), stored.attempt());
    }
}

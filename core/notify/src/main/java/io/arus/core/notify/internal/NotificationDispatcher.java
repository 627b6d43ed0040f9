package io.arus.core.notify.internal;

import io.arus.core.engine.RunEvents;
import io.arus.core.engine.RunService;
import io.arus.core.notify.TargetSecrets;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.SecretBox;
import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.NotificationDeliveryStore;
import io.arus.core.store.NotificationDeliveryStore.Delivery;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the engine's run events and notifies the targets pipelines subscribed: a run failed, succeeded (with
 * warnings or without) or recovered, a quality check failed, a source schema changed, a change-capture stream fell
 * behind its source past the pipeline's threshold. The EventAdmin thread only hands the event over;
 * lookups and deliveries happen on this component's own threads, so a slow or failing target never delays a run,
 * another handler, or another target. The filter spares EventAdmin the state changes that notify nobody (queued,
 * running, paused...): checks, schema changes and lag alerts carry no status. Deliveries are kept in the metadata
 * database until they end ({@link DeliveryLedger}), so a retry waiting when the server stops still happens after it
 * starts again.
 */
@Component(service = EventHandler.class, immediate = true, property = {
        EventConstants.EVENT_TOPIC + "=" + RunEvents.RUN_STATE,
        EventConstants.EVENT_TOPIC + "=" + RunEvents.QUALITY_CHECK,
        EventConstants.EVENT_TOPIC + "=" + RunEvents.SCHEMA_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + RunEvents.CDC_LAG,
        EventConstants.EVENT_FILTER + "=" + NotificationDispatcher.FILTER})
public final class NotificationDispatcher implements EventHandler {
    static final String FILTER = "(|(" + RunEvents.STATUS + "=failed)(" + RunEvents.STATUS + "=succeeded)("
            + RunEvents.STATUS + "=succeeded_with_warnings)(!(" + RunEvents.STATUS + "=*)))";

    /** Threads for lookups and deliveries: notifiers block for up to about 30 seconds each. */
    private static final int THREADS = 3;
    /** How often the deliveries of nodes that stopped are looked for. */
    static final Duration SWEEP = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final ExecutorScheduler scheduler;
    private final RunNotifier notifier;
    private final Clock clock;
    private final DeliveryLedger ledger;

    /**
     * Goes on with the deliveries this node had not finished before it stopped, and then, every {@link #SWEEP},
     * with those of nodes that stopped.
     */
    @Activate
    public NotificationDispatcher(@Reference NotificationTargetStore targets, @Reference PipelineStore pipelines,
                                  @Reference RunStore runs, @Reference PluginCatalog catalog,
                                  @Reference SecretBox box, @Reference ConsoleLinks links,
                                  @Reference NotificationDeliveryStore deliveries, @Reference ClusterNodeStore nodes,
                                  @Reference RunService runService) {
        this.clock = Clock.systemUTC();
        this.scheduler = new ExecutorScheduler(THREADS);
        this.ledger = new DeliveryLedger(deliveries, nodes, runService.node(), clock);
        this.notifier = new RunNotifier(targets, pipelines, runs, new TargetSender(catalog, new TargetSecrets(box)),
                links::run, RetryPolicy.STANDARD, scheduler, new DeliveryJournal(runs::log, clock), ledger);
        scheduler.schedule(() -> {
            List<Delivery> own = ledger.own();
            if (!own.isEmpty()) {
                LOG.info("{} notification(s) not finished before the restart go on", own.size());
            }
            own.forEach(notifier::resume);
            sweep();
        }, Duration.ZERO);
    }

    /** Takes over the deliveries of nodes that stopped, then looks again later. */
    private void sweep() {
        try {
            List<Delivery> orphans = ledger.orphans();
            if (!orphans.isEmpty()) {
                LOG.info("{} notification(s) of stopped nodes taken over", orphans.size());
            }
            orphans.forEach(notifier::resume);
        } catch (RuntimeException e) {
            LOG.warn("the notifications of stopped nodes could not be looked for: {}", e.getMessage());
        }
        scheduler.schedule(this::sweep, SWEEP);
    }

    @Override
    public void handleEvent(Event event) {
        Map<String, Object> properties = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            properties.put(name, event.getProperty(name));
        }
        String traceparent = properties.get(RunEvents.TRACEPARENT) instanceof String value ? value : null;
        RunOccurrence.of(event.getTopic(), properties, clock.instant())
                .ifPresent(occurrence -> scheduler.schedule(() -> notifier.notify(occurrence, traceparent), Duration.ZERO));
    }

    @Deactivate
    void deactivate() {
        scheduler.close();
    }
}

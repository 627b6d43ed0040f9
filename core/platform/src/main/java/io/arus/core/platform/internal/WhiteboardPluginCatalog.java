package io.arus.core.platform.internal;

import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.notify.Notifier;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.api.transform.Transform;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows connector, transform and notifier services on the registry. A service whose descriptor cannot be read,
 * or whose type key differs from its service property, is left out and remembered as a problem of its bundle, so
 * that the inventory can show why; one broken plugin never affects the others.
 */
@Component(service = {PluginCatalog.class, WhiteboardPluginCatalog.class}, immediate = true)
public final class WhiteboardPluginCatalog implements PluginCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(WhiteboardPluginCatalog.class);

    /** Registered types by kind, then by service id. */
    private final Map<PluginKind, Map<Long, Entry>> entries = new EnumMap<>(PluginKind.class);
    /** Problems found while binding, by service id. */
    private final Map<Long, Problem> problems = new ConcurrentHashMap<>();

    private record Entry(PluginType type, Object service, int ranking, long serviceId) {
    }

    private record Problem(long bundleId, String reason) {
    }

    public WhiteboardPluginCatalog() {
        for (PluginKind kind : PluginKind.values()) {
            entries.put(kind, new ConcurrentHashMap<>());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindConnector(Connector connector, ServiceReference<Connector> ref) {
        add(PluginKind.CONNECTOR, connector, ref, Connector.TYPE_PROPERTY, connector::descriptor, connector::capabilities);
    }

    void unbindConnector(ServiceReference<Connector> ref) {
        remove(PluginKind.CONNECTOR, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTransform(Transform transform, ServiceReference<Transform> ref) {
        add(PluginKind.TRANSFORM, transform, ref, Transform.TYPE_PROPERTY, transform::descriptor, Set::of);
    }

    void unbindTransform(ServiceReference<Transform> ref) {
        remove(PluginKind.TRANSFORM, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindNotifier(Notifier notifier, ServiceReference<Notifier> ref) {
        add(PluginKind.NOTIFIER, notifier, ref, Notifier.TYPE_PROPERTY, notifier::descriptor, Set::of);
    }

    void unbindNotifier(ServiceReference<Notifier> ref) {
        remove(PluginKind.NOTIFIER, ref);
    }

    private void add(PluginKind kind, Object service, ServiceReference<?> ref, String typeProperty,
                     DescriptorSource descriptorSource, CapabilitySource capabilitySource) {
        Bundle bundle = ref.getBundle();
        long serviceId = (Long) ref.getProperty(Constants.SERVICE_ID);
        Object property = ref.getProperty(typeProperty);
        try {
            TypeDescriptor descriptor = descriptorSource.get();
            Set<Capability> capabilities = capabilitySource.get();
            if (!descriptor.type().equals(property)) {
                throw new IllegalStateException("its descriptor says type '" + descriptor.type() + "' but its "
                        + typeProperty + " service property says '" + property + "'");
            }
            PluginType type = new PluginType(kind, descriptor, capabilities == null ? Set.of() : capabilities,
                    bundle.getSymbolicName(), bundle.getBundleId());
            entries.get(kind).put(serviceId, new Entry(type, service, ranking(ref), serviceId));
            LOG.info("{} type '{}' available from {} {}", kind.id(), descriptor.type(), bundle.getSymbolicName(),
                    bundle.getVersion());
        } catch (RuntimeException | LinkageError e) {
            String reason = kind.id() + " service " + (property == null ? "" : "'" + property + "' ") + "is unusable: " + e;
            problems.put(serviceId, new Problem(bundle.getBundleId(), reason));
            LOG.warn("{} {}: {}", bundle.getSymbolicName(), bundle.getVersion(), reason);
        }
    }

    private void remove(PluginKind kind, ServiceReference<?> ref) {
        long serviceId = (Long) ref.getProperty(Constants.SERVICE_ID);
        problems.remove(serviceId);
        Entry removed = entries.get(kind).remove(serviceId);
        if (removed != null) {
            LOG.info("{} type '{}' removed (was provided by {})", kind.id(), removed.type().type(), removed.type().bundle());
        }
    }

    private static int ranking(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    /** The best entry per type key: highest ranking, then oldest registration (the OSGi rule). */
    private Map<String, Entry> byType(PluginKind kind) {
        Map<String, Entry> best = new TreeMap<>();
        for (Entry entry : entries.get(kind).values()) {
            best.merge(entry.type().type(), entry, (a, b) -> better(a, b) ? a : b);
        }
        return best;
    }

    private static boolean better(Entry a, Entry b) {
        return a.ranking() != b.ranking() ? a.ranking() > b.ranking() : a.serviceId() < b.serviceId();
    }

    @Override
    public List<PluginType> types(PluginKind kind) {
        return byType(kind).values().stream().map(Entry::type).sorted(Comparator.comparing(PluginType::type)).toList();
    }

    @Override
    public Optional<Connector> connector(String type) {
        return Optional.ofNullable(byType(PluginKind.CONNECTOR).get(type)).map(e -> (Connector) e.service());
    }

    @Override
    public Optional<Transform> transform(String type) {
        return Optional.ofNullable(byType(PluginKind.TRANSFORM).get(type)).map(e -> (Transform) e.service());
    }

    @Override
    public Optional<Notifier> notifier(String type) {
        return Optional.ofNullable(byType(PluginKind.NOTIFIER).get(type)).map(e -> (Notifier) e.service());
    }

    /**
     * @param bundleId a bundle id
     * @return why a plugin service of that bundle was left out, if one was
     */
    Optional<String> problem(long bundleId) {
        return problems.values().stream().filter(p -> p.bundleId() == bundleId).map(Problem::reason)
                .reduce((a, b) -> a + "; " + b);
    }

    @FunctionalInterface
    private interface DescriptorSource {
        TypeDescriptor get();
    }

    @FunctionalInterface
    private interface CapabilitySource {
        Set<Capability> get();
    }
}

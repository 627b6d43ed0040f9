package io.arus.core.rest.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.rest.internal.ConnectionViews.ConnectionRequest;
import io.arus.core.rest.internal.ConnectionViews.ConnectionTestRequest;
import io.arus.core.rest.internal.ConnectionViews.ConnectionView;
import io.arus.core.rest.internal.ConnectionViews.StreamView;
import io.arus.core.rest.internal.ConnectionViews.StreamsView;
import io.arus.core.rest.internal.ConnectionViews.TestResult;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.MaskRefusedException;
import io.arus.core.security.SecretBox;
import io.arus.core.store.AuditLog;
import io.arus.core.store.ConflictException;
import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.ConnectionStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Sources and destinations: validated against their connector type's spec, secrets encrypted before they are
 * stored and masked in every answer, tested and discovered through the connector itself.
 */
@Component(service = ConnectionService.class)
public final class ConnectionService {
    /** How long a test waits for the connector's check: a server that never answers must not hold the request. */
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionStore store;
    private final PluginCatalog catalog;
    private final ConnectionSecrets secrets;
    private final AuditLog audit;
    private final ConnectionCheck checks = new ConnectionCheck(TEST_TIMEOUT);

    @Activate
    public ConnectionService(@Reference ConnectionStore store, @Reference PluginCatalog catalog,
                             @Reference SecretBox box, @Reference AuditLog audit) {
        this.store = store;
        this.catalog = catalog;
        this.secrets = new ConnectionSecrets(box);
        this.audit = audit;
    }

    @Deactivate
    void deactivate() {
        checks.close();
    }

    List<ConnectionView> list(ConnectionKind kind) {
        return store.list(kind).stream().map(this::view).toList();
    }

    ConnectionView get(ConnectionKind kind, String id) {
        return view(find(kind, id));
    }

    ConnectionView create(ConnectionKind kind, ConnectionRequest body, String actor, String address) {
        Validated valid = validate(kind, body, Map.of());
        try {
            Connection created = audit.atomically(() -> {
                Connection connection = store.create(kind, valid.name(), valid.type(), valid.stored(), actor);
                audit.record(actor, kind.id() + ".create", kind.id() + ":" + connection.id(),
                        connection.name() + " (" + connection.type() + ")", address);
                return connection;
            });
            return view(created);
        } catch (ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    ConnectionView update(ConnectionKind kind, String id, ConnectionRequest body, String actor, String address) {
        Connection current = find(kind, id);
        // the stored secrets only count when the type stays the same
        Validated valid = validate(kind, body, current.type().equals(body == null ? null : body.type()) ? current.config() : Map.of());
        try {
            Connection updated = audit.atomically(() -> {
                Connection connection = store.update(kind, id, valid.name(), valid.type(), valid.stored())
                        .orElseThrow(() -> ApiException.notFound("no " + kind.id() + " " + id));
                audit.record(actor, kind.id() + ".update", kind.id() + ":" + id, connection.name(), address);
                return connection;
            });
            return view(updated);
        } catch (ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    void delete(ConnectionKind kind, String id, String actor, String address) {
        Connection current = find(kind, id);
        try {
            audit.atomically(() -> {
                store.delete(kind, id);
                audit.record(actor, kind.id() + ".delete", kind.id() + ":" + id, current.name(), address);
                return null;
            });
        } catch (ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Tests the stored configuration as it is: nothing in the request can point it elsewhere. */
    TestResult test(ConnectionKind kind, String id) {
        Connection connection = find(kind, id);
        Optional<Connector> connector = catalog.connector(connection.type());
        if (connector.isEmpty()) {
            return new TestResult(false, "connector type '" + connection.type() + "' is not installed", 0);
        }
        return checks.run(connector.get(), secrets.decrypt(connection.config()));
    }

    /**
     * Tests a configuration without storing anything. With the id of a stored connection of the same type, its
     * secrets fill the fields sent as the mask, as long as nothing that binds them changed (as for an update).
     */
    TestResult testUnsaved(ConnectionKind kind, ConnectionTestRequest body) {
        Bodies.required(body);
        String type = Bodies.text(body.type(), "type", 64);
        Connector connector = connector(kind, type);
        Map<String, Object> stored = Map.of();
        if (body.id() != null) {
            Connection current = find(kind, body.id());
            stored = current.type().equals(type) ? current.config() : Map.of();
        }
        ConfigSpec spec = connector.descriptor().config();
        Map<String, Object> config = unmask(spec, body.config(), stored);
        Bodies.validConfig(spec, config);
        return checks.run(connector, Config.of(spec, config).values());
    }

    StreamsView streams(String id) {
        Connection connection = find(ConnectionKind.SOURCE, id);
        Connector connector = catalog.connector(connection.type()).orElseThrow(() -> new ApiException(
                Response.Status.SERVICE_UNAVAILABLE, "connector type '" + connection.type() + "' is not installed", List.of()));
        ConfigSpec spec = connector.descriptor().config();
        Map<String, Object> clear = secrets.decrypt(connection.config());
        try (ConnectorSession session = connector.open(Config.of(spec, clear))) {
            List<StreamView> streams = session.discover().stream().map(StreamView::of).toList();
            return new StreamsView(streams);
        } catch (Exception e) {
            throw new ApiException(Response.Status.BAD_GATEWAY,
                    "discovery failed: " + ConnectionCheck.scrub(String.valueOf(e.getMessage()), clear, spec), List.of());
        }
    }

    private record Validated(String name, String type, Map<String, Object> stored) {
    }

    private Validated validate(ConnectionKind kind, ConnectionRequest body, Map<String, Object> storedBefore) {
        Bodies.required(body);
        String name = Bodies.text(body.name(), "name", 100);
        String type = Bodies.text(body.type(), "type", 64);
        ConfigSpec spec = connector(kind, type).descriptor().config();
        Map<String, Object> config = unmask(spec, body.config(), storedBefore);
        Bodies.validConfig(spec, config);
        // stored with the spec's defaults applied: what a user reads back is what the connector will get
        return new Validated(name, type, secrets.encrypt(spec, Config.of(spec, config).values()));
    }

    private Connector connector(ConnectionKind kind, String type) {
        Connector connector = catalog.connector(type)
                .orElseThrow(() -> ApiException.invalid("type", "no connector type '" + type + "' is installed"));
        Capability needed = kind == ConnectionKind.SOURCE ? Capability.SOURCE : Capability.DESTINATION;
        if (!connector.capabilities().contains(needed)) {
            throw ApiException.invalid("type", "'" + type + "' cannot be a " + kind.id());
        }
        return connector;
    }

    /** Fills masked secrets from the stored ones; a 400 naming each secret to give again when its address moved. */
    private Map<String, Object> unmask(ConfigSpec spec, Map<String, Object> incoming, Map<String, Object> stored) {
        try {
            return secrets.unmask(spec, incoming == null ? Map.of() : incoming, stored);
        } catch (MaskRefusedException e) {
            throw Bodies.invalid(e.violations().stream()
                    .map(v -> new Problem.FieldError("config." + v.field(), v.message())).toList());
        }
    }

    private Connection find(ConnectionKind kind, String id) {
        return store.byId(kind, id).orElseThrow(() -> ApiException.notFound("no " + kind.id() + " " + id));
    }

    private ConnectionView view(Connection connection) {
        Optional<Connector> connector = catalog.connector(connection.type());
        ConfigSpec spec = connector.map(c -> c.descriptor().config()).orElse(ConfigSpec.EMPTY);
        return new ConnectionView(connection.id(), connection.name(), connection.type(),
                ConnectionSecrets.mask(spec, connection.config()), connector.isPresent(), connection.createdBy(),
                connection.createdAt(), connection.updatedAt());
    }
}

package io.arus.core.service.internal;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.ConfigViolation;
import io.arus.api.connector.Capability;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamDescriptor;
import io.arus.core.model.ConnectionSpec;
import io.arus.core.model.InvalidModelException;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.security.ConnectionSecrets;
import io.arus.core.security.SecretBox;
import io.arus.core.security.SecretReferenceException;
import io.arus.core.service.Actor;
import io.arus.core.service.ConnectionFailedException;
import io.arus.core.service.ConnectionService;
import io.arus.core.service.ConnectionTestResult;
import io.arus.core.service.NotFoundException;
import io.arus.core.service.SavedConnection;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Connection;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.ConnectionStore;
import io.arus.core.store.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link ConnectionService} over the store: configurations validated against their connector type's spec, secrets
 * encrypted before they are stored and masked in every answer (references shown), tested and discovered through
 * the connector itself.
 */
@Component(service = ConnectionService.class)
public final class Connections implements ConnectionService {
    /** How long a test waits for the connector's check: a server that never answers must not hold the request. */
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionStore store;
    private final PluginCatalog catalog;
    private final ConnectionSecrets secrets;
    private final AuditLog audit;
    private final Transactions transactions;
    private final ConnectionCheck checks = new ConnectionCheck(TEST_TIMEOUT);

    @Activate
    public Connections(@Reference ConnectionStore store, @Reference PluginCatalog catalog, @Reference SecretBox box,
                       @Reference AuditLog audit, @Reference Transactions transactions) {
        this.store = store;
        this.catalog = catalog;
        this.secrets = new ConnectionSecrets(box);
        this.audit = audit;
        this.transactions = transactions;
    }

    @Deactivate
    void deactivate() {
        checks.close();
    }

    @Override
    public List<SavedConnection> list(ConnectionKind kind) {
        return store.list(kind).stream().map(this::saved).sorted(Comparator.comparing(c -> c.spec().name())).toList();
    }

    @Override
    public SavedConnection get(ConnectionKind kind, String id) {
        return saved(find(kind, id));
    }

    @Override
    public Optional<SavedConnection> byName(ConnectionKind kind, String name) {
        return store.list(kind).stream().filter(c -> c.name().equals(name)).findFirst().map(this::saved);
    }

    @Override
    public SavedConnection create(Actor actor, ConnectionKind kind, ConnectionSpec spec) {
        actor.require(Role.EDITOR);
        Validated valid = validate(kind, spec, Map.of());
        Connection created = transactions.storing(() -> {
            Connection connection = store.create(kind, valid.name(), valid.type(), valid.stored(), actor.username());
            audit.record(actor.username(), kind.id() + ".create", kind.id() + ":" + connection.id(),
                    connection.name() + " (" + connection.type() + ")", actor.address());
            return connection;
        });
        return saved(created);
    }

    @Override
    public SavedConnection update(Actor actor, ConnectionKind kind, String id, ConnectionSpec spec) {
        actor.require(Role.EDITOR);
        Connection current = find(kind, id);
        // the stored secrets only count when the type stays the same
        Validated valid = validate(kind, spec, spec != null && current.type().equals(spec.type())
                ? current.config() : Map.of());
        Connection updated = transactions.storing(() -> {
            Connection connection = store.update(kind, id, valid.name(), valid.type(), valid.stored())
                    .orElseThrow(() -> new NotFoundException("no " + kind.id() + " " + id));
            audit.record(actor.username(), kind.id() + ".update", kind.id() + ":" + id, connection.name(), actor.address());
            return connection;
        });
        return saved(updated);
    }

    @Override
    public void delete(Actor actor, ConnectionKind kind, String id) {
        actor.require(Role.EDITOR);
        Connection current = find(kind, id);
        transactions.storing(() -> {
            if (!store.delete(kind, id)) {
                throw new NotFoundException("no " + kind.id() + " " + id);
            }
            audit.record(actor.username(), kind.id() + ".delete", kind.id() + ":" + id, current.name(), actor.address());
            return null;
        });
    }

    @Override
    public ConnectionTestResult test(Actor actor, ConnectionKind kind, String id) {
        actor.require(Role.EDITOR);
        Connection connection = find(kind, id);
        Optional<Connector> connector = catalog.connector(connection.type());
        if (connector.isEmpty()) {
            return new ConnectionTestResult(false, "connector type '" + connection.type() + "' is not installed", 0);
        }
        Map<String, Object> clear;
        try {
            clear = secrets.decrypt(connection.config());
        } catch (SecretReferenceException e) {
            return new ConnectionTestResult(false, e.getMessage(), 0);
        }
        return checks.run(connector.get(), clear);
    }

    @Override
    public ConnectionTestResult testUnsaved(Actor actor, ConnectionKind kind, ConnectionSpec spec, String storedId) {
        actor.require(Role.EDITOR);
        if (spec == null) {
            throw FieldChecks.invalid("body", "a JSON body is required");
        }
        ConfigViolation type = ConfigChecks.text(spec.type(), "type", 64);
        if (type != null) {
            throw new InvalidModelException(List.of(type));
        }
        Connector connector = connector(kind, spec.type());
        Map<String, Object> stored = Map.of();
        if (storedId != null) {
            Connection current = find(kind, storedId);
            stored = current.type().equals(spec.type()) ? current.config() : Map.of();
        }
        ConfigSpec configSpec = connector.descriptor().config();
        Map<String, Object> sealed = ConfigChecks.sealed(secrets, configSpec, spec.config(), stored, List.of());
        // through the secrets' own path, so that references resolve exactly as a run resolves them
        Map<String, Object> clear;
        try {
            clear = secrets.decrypt(sealed);
        } catch (SecretReferenceException e) {
            return new ConnectionTestResult(false, e.getMessage(), 0);
        }
        return checks.run(connector, clear);
    }

    @Override
    public List<StreamDescriptor> discover(Actor actor, String sourceId) {
        actor.require(Role.VIEWER);
        Connection connection = find(ConnectionKind.SOURCE, sourceId);
        Connector connector = catalog.connector(connection.type()).orElseThrow(() -> new ConnectionFailedException(
                "connector type '" + connection.type() + "' is not installed", true));
        ConfigSpec spec = connector.descriptor().config();
        Map<String, Object> clear;
        try {
            clear = secrets.decrypt(connection.config());
        } catch (SecretReferenceException e) {
            throw new ConnectionFailedException("discovery failed: " + e.getMessage(), false);
        }
        try (ConnectorSession session = connector.open(Config.of(spec, clear))) {
            return session.discover();
        } catch (Exception e) {
            throw new ConnectionFailedException(
                    "discovery failed: " + ConnectionCheck.scrub(String.valueOf(e.getMessage()), clear, spec), false);
        }
    }

    private record Validated(String name, String type, Map<String, Object> stored) {
    }

    private Validated validate(ConnectionKind kind, ConnectionSpec spec, Map<String, Object> storedBefore) {
        if (spec == null) {
            throw FieldChecks.invalid("body", "a JSON body is required");
        }
        List<ConfigViolation> errors = new ArrayList<>();
        Optional.ofNullable(ConfigChecks.text(spec.name(), "name", 100)).ifPresent(errors::add);
        ConfigViolation typeError = ConfigChecks.text(spec.type(), "type", 64);
        if (typeError != null) {
            errors.add(typeError);
            throw new InvalidModelException(errors);
        }
        Connector connector;
        try {
            connector = connector(kind, spec.type());
        } catch (InvalidModelException e) {
            errors.addAll(e.violations());
            throw new InvalidModelException(errors);
        }
        ConfigSpec configSpec = connector.descriptor().config();
        return new Validated(spec.name(), spec.type(),
                ConfigChecks.sealed(secrets, configSpec, spec.config(), storedBefore, errors));
    }

    private Connector connector(ConnectionKind kind, String type) {
        Connector connector = catalog.connector(type)
                .orElseThrow(() -> FieldChecks.invalid("type", "no connector type '" + type + "' is installed"));
        Capability needed = kind == ConnectionKind.SOURCE ? Capability.SOURCE : Capability.DESTINATION;
        if (!connector.capabilities().contains(needed)) {
            throw FieldChecks.invalid("type", "'" + type + "' cannot be a " + kind.id());
        }
        return connector;
    }




    private Connection find(ConnectionKind kind, String id) {
        return store.byId(kind, id).orElseThrow(() -> new NotFoundException("no " + kind.id() + " " + id));
    }

    private SavedConnection saved(Connection connection) {
        Optional<Connector> connector = catalog.connector(connection.type());
        ConfigSpec spec = connector.map(c -> c.descriptor().config()).orElse(ConfigSpec.EMPTY);
        return new SavedConnection(connection.id(), connection.kind(),
                new ConnectionSpec(connection.name(), connection.type(), secrets.view(spec, connection.config())),
                connector.isPresent(), connection.createdBy(), connection.createdAt(), connection.updatedAt());
    }
}

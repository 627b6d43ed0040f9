package io.arus.core.gitops.internal;

import io.arus.core.model.ConnectionSpec;
import io.arus.core.model.NotificationTargetSpec;
import io.arus.core.service.ConnectionService;
import io.arus.core.service.NotificationTargetService;
import io.arus.core.service.PipelineService;
import io.arus.core.service.SavedConnection;
import io.arus.core.service.SavedNotificationTarget;
import io.arus.core.service.SavedPipeline;
import io.arus.core.store.ConnectionKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * What the server holds, read through the services: every object in its {@link Canonical} form, and each object's
 * id and stored (masked) configuration by name, which an apply needs to address and keep secrets.
 */
final class ServerObjects {
    final State state = new State();
    private final Map<Kind, Map<String, String>> ids = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<String, Map<String, Object>>> configs = new EnumMap<>(Kind.class);

    private ServerObjects() {
        for (Kind kind : Kind.ALL) {
            ids.put(kind, new HashMap<>());
            configs.put(kind, new HashMap<>());
        }
    }

    static ServerObjects read(ConnectionService connections, NotificationTargetService targets,
                              PipelineService pipelines) {
        ServerObjects server = new ServerObjects();
        Map<String, String> names = new HashMap<>();
        for (Kind kind : new Kind[] {Kind.SOURCE, Kind.DESTINATION}) {
            for (SavedConnection c : connections.list(kind == Kind.SOURCE ? ConnectionKind.SOURCE
                    : ConnectionKind.DESTINATION)) {
                ConnectionSpec spec = c.spec();
                server.add(kind, spec.name(), c.id(), spec.config(), Canonical.connection(kind, spec));
                names.put(kind + "/" + c.id(), spec.name());
            }
        }
        for (SavedNotificationTarget t : targets.list()) {
            NotificationTargetSpec spec = t.spec();
            server.add(Kind.NOTIFICATION_TARGET, spec.name(), t.id(), spec.config(), Canonical.target(spec));
            names.put(Kind.NOTIFICATION_TARGET + "/" + t.id(), spec.name());
        }
        java.util.List<SavedPipeline> all = pipelines.list();
        for (SavedPipeline p : all) {
            names.put(Kind.PIPELINE + "/" + p.id(), p.spec().name());
        }
        for (SavedPipeline p : all) {
            server.add(Kind.PIPELINE, p.spec().name(), p.id(), Map.of(), Canonical.pipeline(p.spec(),
                    id -> names.getOrDefault(Kind.SOURCE + "/" + id, id),
                    id -> names.getOrDefault(Kind.DESTINATION + "/" + id, id),
                    id -> names.getOrDefault(Kind.PIPELINE + "/" + id, id),
                    id -> names.getOrDefault(Kind.NOTIFICATION_TARGET + "/" + id, id)));
        }
        return server;
    }

    private void add(Kind kind, String name, String id, Map<String, Object> config,
                     com.fasterxml.jackson.databind.node.ObjectNode form) {
        state.put(kind, name, form);
        ids.get(kind).put(name, id);
        configs.get(kind).put(name, config);
    }

    /** @return the id of the object of that kind and name, or null */
    String id(Kind kind, String name) {
        return ids.get(kind).get(name);
    }

    /** Notes an object an apply created, so later changes can name it. */
    void created(Kind kind, String name, String id) {
        ids.get(kind).put(name, id);
    }

    /** @return the stored configuration (literal secrets masked), empty when there is no such object */
    Map<String, Object> config(Kind kind, String name) {
        return configs.get(kind).getOrDefault(name, Map.of());
    }
}

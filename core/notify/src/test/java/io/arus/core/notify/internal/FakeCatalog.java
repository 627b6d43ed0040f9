package io.arus.core.notify.internal;

import io.arus.api.connector.Connector;
import io.arus.api.notify.Notifier;
import io.arus.api.transform.Transform;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plugin catalog that holds the notifiers a test registers, by type. */
final class FakeCatalog implements PluginCatalog {
    final Map<String, Notifier> notifiers = new HashMap<>();

    @Override
    public List<PluginType> types(PluginKind kind) {
        return List.of();
    }

    @Override
    public Optional<Connector> connector(String type) {
        return Optional.empty();
    }

    @Override
    public Optional<Transform> transform(String type) {
        return Optional.empty();
    }

    @Override
    public Optional<Notifier> notifier(String type) {
        return Optional.ofNullable(notifiers.get(type));
    }
}

package io.arus.core.platform;

import io.arus.api.connector.Connector;
import io.arus.api.notify.Notifier;
import io.arus.api.transform.Transform;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The plugin types currently on the service registry. It follows the registry as bundles come and go, so an
 * answer is a snapshot: a connector looked up now may be gone a moment later.
 */
@ProviderType
public interface PluginCatalog {
    /**
     * @param kind connector, transform or notifier
     * @return the registered types of that kind, sorted by type key
     */
    List<PluginType> types(PluginKind kind);

    /**
     * @param type a connector type key
     * @return the connector service, if one is registered now
     */
    Optional<Connector> connector(String type);

    /**
     * @param type a transform type key
     * @return the transform service, if one is registered now
     */
    Optional<Transform> transform(String type);

    /**
     * @param type a notifier type key
     * @return the notifier service, if one is registered now
     */
    Optional<Notifier> notifier(String type);
}

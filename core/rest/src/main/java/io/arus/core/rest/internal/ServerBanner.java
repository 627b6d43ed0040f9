package io.arus.core.rest.internal;

import io.arus.core.platform.PluginInventory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.jaxrs.runtime.JaxrsServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once, when both the HTTP server and the JAX-RS runtime are up, where the console and the API are; and
 * says when the server stops. What an operator looks for first in the log.
 */
@Component(immediate = true, service = {})
public final class ServerBanner {
    private static final Logger LOG = LoggerFactory.getLogger(ServerBanner.class);

    @Activate
    public ServerBanner(@Reference HttpServiceRuntime http,
                        @Reference JaxrsServiceRuntime jaxrs, @Reference PluginInventory inventory) {
        Object port = http.getRuntimeDTO().serviceDTO.properties.get("org.osgi.service.http.port");
        String base = "http://localhost:" + port;
        LOG.info("Arus ready: console {}/, API {}/api, plugins folder {}", base, base, inventory.dropinFolder());
    }

    @Deactivate
    void deactivate() {
        LOG.info("Arus stopping");
    }
}

package io.arus.core.rest.internal;

import io.arus.core.platform.DropinWatcher;
import io.arus.core.platform.PluginBundle;
import io.arus.core.platform.PluginInventory;
import java.lang.management.ManagementFactory;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/health}: always public, cheap enough for a load balancer to poll. */
@Component(service = HealthResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@PublicEndpoint
@Path("health")
public final class HealthResource {
    private final PluginInventory inventory;
    private final DropinWatcher watcher;
    private final String version;

    /**
     * @param status  {@code UP} while the server answers; {@code DEGRADED} while a part of it is down (the
     *                drop-in watcher), named in {@code reason}
     * @param reason  why it is degraded; null when UP
     * @param version the Arus version
     * @param uptimeS seconds since the JVM started
     * @param bundles bundle counts
     */
    public record Health(String status, String reason, String version, long uptimeS, BundleCounts bundles) {
    }

    /**
     * @param active bundles in the ACTIVE state
     * @param failed bundles and drop-in files that failed
     */
    public record BundleCounts(int active, int failed) {
    }

    @Activate
    public HealthResource(BundleContext context, @Reference PluginInventory inventory, @Reference DropinWatcher watcher) {
        this.inventory = inventory;
        this.watcher = watcher;
        String header = context.getBundle().getHeaders().get("Arus-Version");
        this.version = header == null ? context.getBundle().getVersion().toString() : header;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Health health() {
        int active = 0;
        int failed = 0;
        for (PluginBundle bundle : inventory.bundles()) {
            if ("active".equals(bundle.state())) {
                active++;
            }
            if (bundle.failed()) {
                failed++;
            }
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        String outage = watcher.outage().orElse(null);
        return new Health(outage == null ? "UP" : "DEGRADED", outage, version, uptime, new BundleCounts(active, failed));
    }
}

package io.arus.core.rest.internal;

import io.arus.core.platform.PluginBundle;
import io.arus.core.platform.PluginInventory;
import io.arus.core.store.Role;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/plugins}: the bundles of the server and the drop-in files, with the reason any failed. */
@Component(service = PluginResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@RequiresRole(Role.VIEWER)
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginResource {
    private final PluginInventory inventory;

    @Activate
    public PluginResource(@Reference PluginInventory inventory) {
        this.inventory = inventory;
    }

    @GET
    public List<PluginBundle> plugins() {
        return inventory.bundles();
    }
}

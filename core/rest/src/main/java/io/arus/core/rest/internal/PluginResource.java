package io.arus.core.rest.internal;

import io.arus.core.platform.DropinWatcher;
import io.arus.core.platform.PluginBundle;
import io.arus.core.platform.PluginBusyException;
import io.arus.core.platform.PluginInventory;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/plugins}: the bundles of the server and the drop-in files, with the reason any failed (everyone);
 * uploading a plugin JAR into the drop-in folder and deleting a drop-in plugin (admins). The drop-in watcher does
 * the rest: it installs and updates within about a second; a deletion uninstalls the bundle before it answers.
 */
@Component(service = PluginResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@RequiresRole(Role.VIEWER)
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginResource {
    private final PluginInventory inventory;
    private final DropinWatcher watcher;
    private final AuditLog audit;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Activate
    public PluginResource(@Reference PluginInventory inventory, @Reference DropinWatcher watcher, @Reference AuditLog audit) {
        this.inventory = inventory;
        this.watcher = watcher;
        this.audit = audit;
    }

    @GET
    public List<PluginBundle> plugins() {
        return inventory.bundles();
    }

    /**
     * Puts a plugin JAR into the drop-in folder: the body is {@code multipart/form-data} with a {@code file} part, or
     * the JAR itself with its name in {@code ?filename=}. A file of the same name is replaced (the plugin is updated
     * in place).
     *
     * @return 201 with {@code {"file", "bytes", "sha256", "replaced"}} (200 when it replaced a file); 400 naming
     *         {@code file} for anything but a bundle JAR of at most 50 MB with a plain file name
     */
    @POST
    @RequiresRole(Role.ADMIN)
    @Consumes(MediaType.WILDCARD)
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @QueryParam("filename") String filename, InputStream body) {
        String actor = Caller.of(security).username();
        // audited before the file enters the drop-in folder, where the watcher starts it at once
        DropinFolder.Stored stored = new DropinFolder(inventory.dropinFolder()).store(contentType, filename, body,
                checked -> audit.record(actor, "plugin.upload", "plugin:" + checked.file(), checked.bytes() + " bytes, sha256 "
                        + checked.sha256() + (checked.replaced() ? ", replaced" : ""), Caller.address(request)));
        return Response.status(stored.replaced() ? Response.Status.OK : Response.Status.CREATED).entity(stored).build();
    }

    /**
     * Removes a drop-in plugin: deletes its file and uninstalls its bundle, interrupting an activation that has not
     * finished. {@code id} is the bundle id, or the file name of a drop-in file that never became a bundle.
     *
     * @return 204 once it is gone; 404 for an unknown plugin; 409 for a bundle that is part of the server, not a
     *         drop-in, and for one that cannot be removed now (its activator does not return even when interrupted),
     *         with the reason
     */
    @DELETE
    @Path("{id}")
    @RequiresRole(Role.ADMIN)
    public Response delete(@PathParam("id") String id) {
        PluginBundle plugin = find(id).orElseThrow(() -> ApiException.notFound("no plugin " + id));
        if (!plugin.dropin() || plugin.file() == null) {
            throw ApiException.conflict(plugin.symbolicName() + " is part of the server, not a drop-in plugin; it cannot be deleted");
        }
        audit.record(Caller.of(security).username(), "plugin.delete", "plugin:" + plugin.file(),
                plugin.symbolicName() + (plugin.version().isEmpty() ? "" : " " + plugin.version()), Caller.address(request));
        try {
            if (!watcher.remove(plugin.file())) {
                throw ApiException.notFound("the file " + plugin.file() + " is already gone");
            }
        } catch (PluginBusyException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (IOException e) {
            throw new ApiException(Response.Status.INTERNAL_SERVER_ERROR, "could not delete " + plugin.file() + ": " + e.getMessage(),
                    List.of());
        }
        return Response.noContent().build();
    }

    private Optional<PluginBundle> find(String id) {
        List<PluginBundle> all = inventory.bundles();
        if (id.matches("\\d{1,18}")) {
            long bundleId = Long.parseLong(id);
            return all.stream().filter(p -> p.id() == bundleId).findFirst();
        }
        return all.stream().filter(p -> p.dropin() && id.equals(p.file())).findFirst();
    }
}

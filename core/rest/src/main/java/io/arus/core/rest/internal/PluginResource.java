package io.arus.core.rest.internal;

import io.arus.core.platform.PluginBundle;
import io.arus.core.service.PluginService;
import io.arus.core.store.Role;
import java.io.InputStream;
import java.util.List;
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
 * Through {@link PluginService}, which the shell calls too.
 */
@Component(service = PluginResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@RequiresRole(Role.VIEWER)
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginResource {
    private final PluginService plugins;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Activate
    public PluginResource(@Reference PluginService plugins) {
        this.plugins = plugins;
    }

    @GET
    public List<PluginBundle> plugins() {
        return plugins.list();
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
        PluginService.InstalledPlugin stored = DropinFolder.upload(plugins, Caller.actor(security, request), contentType,
                filename, body);
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
        ServiceProblems.call(() -> plugins.uninstall(Caller.actor(security, request), id));
        return Response.noContent().build();
    }
}

package io.arus.core.rest.internal;

import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import io.arus.core.service.TransformService;
import io.arus.core.store.Role;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The plugin types on the whiteboard: {@code /api/connectors}, {@code /api/transforms}, {@code /api/notifiers}. */
@Component(service = PluginTypeResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@RequiresRole(Role.VIEWER)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class PluginTypeResource {
    private final PluginCatalog catalog;
    private final TransformService transformService;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Activate
    public PluginTypeResource(@Reference PluginCatalog catalog, @Reference TransformService transformService) {
        this.catalog = catalog;
        this.transformService = transformService;
    }

    @GET
    @Path("connectors")
    public List<PluginTypeView> connectors() {
        return list(PluginKind.CONNECTOR);
    }

    @GET
    @Path("connectors/{type}")
    public PluginTypeView connector(@PathParam("type") String type) {
        return one(PluginKind.CONNECTOR, type);
    }

    @GET
    @Path("transforms")
    public List<PluginTypeView> transforms() {
        return list(PluginKind.TRANSFORM);
    }

    @GET
    @Path("transforms/{type}")
    public PluginTypeView transform(@PathParam("type") String type) {
        return one(PluginKind.TRANSFORM, type);
    }

    /**
     * Checks a step configuration as saving a pipeline would (the spec, then the type's own check: an expression's
     * position in its message); used by the console as the user types.
     */
    @POST
    @Path("transforms/{type}/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.EDITOR)
    public TransformViews.CheckView check(@PathParam("type") String type, TransformViews.CheckBody body) {
        return new TransformViews.CheckView(transformService.check(Caller.actor(security, request), type,
                body == null ? null : body.config()));
    }

    @GET
    @Path("notifiers")
    public List<PluginTypeView> notifiers() {
        return list(PluginKind.NOTIFIER);
    }

    @GET
    @Path("notifiers/{type}")
    public PluginTypeView notifier(@PathParam("type") String type) {
        return one(PluginKind.NOTIFIER, type);
    }

    private List<PluginTypeView> list(PluginKind kind) {
        return catalog.types(kind).stream().map(PluginTypeView::of).toList();
    }

    private PluginTypeView one(PluginKind kind, String type) {
        for (PluginType plugin : catalog.types(kind)) {
            if (plugin.type().equals(type)) {
                return PluginTypeView.of(plugin);
            }
        }
        throw ApiException.notFound("no " + kind.id() + " type '" + type + "' is installed");
    }
}

package io.arus.core.rest.internal;

import io.arus.core.rest.internal.ConnectionViews.StreamView;
import io.arus.core.rest.internal.ConnectionViews.StreamsView;
import io.arus.core.service.ConnectionService;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.Role;
import javax.ws.rs.GET;
import javax.ws.rs.PathParam;
import javax.ws.rs.Consumes;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/sources}, plus discovery of their streams. */
@Component(service = SourceResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SourceResource extends ConnectionResource {

    @Activate
    public SourceResource(@Reference ConnectionService connections) {
        super(connections, ConnectionKind.SOURCE);
    }

    @GET
    @Path("{id}/streams")
    @RequiresRole(Role.VIEWER)
    public StreamsView streams(@PathParam("id") String id) {
        return new StreamsView(connections().discover(Caller.actor(security, request), id).stream()
                .map(StreamView::of).toList());
    }
}

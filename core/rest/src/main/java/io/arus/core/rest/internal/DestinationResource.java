package io.arus.core.rest.internal;

import io.arus.core.service.ConnectionService;
import io.arus.core.store.ConnectionKind;

import javax.ws.rs.Consumes;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/destinations}. */
@Component(service = DestinationResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("destinations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class DestinationResource extends ConnectionResource {

    @Activate
    public DestinationResource(@Reference ConnectionService connections) {
        super(connections, ConnectionKind.DESTINATION);
    }

}

package io.arus.core.rest.internal;

import io.arus.core.model.NotificationTargetSpec;
import io.arus.core.rest.internal.NotificationTargetViews.TargetTestRequest;
import io.arus.core.rest.internal.NotificationTargetViews.TargetView;
import io.arus.core.rest.internal.NotificationTargetViews.TestAnswer;
import io.arus.core.service.NotificationTargetService;
import io.arus.core.store.Role;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/notification-targets}: where pipelines send their notifications (a Slack channel, a mailbox, a
 * webhook...). Everyone reads; editors change and test. A pipeline subscribes targets in its own
 * {@code notifications} field.
 */
@Component(service = NotificationTargetResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("notification-targets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class NotificationTargetResource {
    private final NotificationTargetService targets;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Activate
    public NotificationTargetResource(@Reference NotificationTargetService targets) {
        this.targets = targets;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public List<TargetView> list() {
        return targets.list().stream().map(TargetView::of).toList();
    }

    @POST
    @RequiresRole(Role.EDITOR)
    public Response create(NotificationTargetSpec body) {
        TargetView created = TargetView.of(targets.create(Caller.actor(security, request), body));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    public TargetView get(@PathParam("id") String id) {
        return TargetView.of(targets.get(id));
    }

    @PUT
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public TargetView update(@PathParam("id") String id, NotificationTargetSpec body) {
        return TargetView.of(targets.update(Caller.actor(security, request), id, body));
    }

    /** Deletes the target; pipelines that subscribed it simply stop notifying it. */
    @DELETE
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public Response delete(@PathParam("id") String id) {
        targets.delete(Caller.actor(security, request), id);
        return Response.noContent().build();
    }

    /** Sends a test notification to a configuration without storing it: {@code {type, config, id?, name?}}. */
    @POST
    @Path("test")
    @RequiresRole(Role.EDITOR)
    public TestAnswer testUnsaved(TargetTestRequest body) {
        Bodies.required(body);
        return TestAnswer.of(targets.testUnsaved(Caller.actor(security, request),
                new NotificationTargetSpec(body.name(), body.type(), body.config()), body.id()));
    }

    /** Sends a test notification now: {@code {"ok": true}} or {@code {"ok": false, "error": "..."}}. */
    @POST
    @Path("{id}/test")
    @RequiresRole(Role.EDITOR)
    @Consumes(MediaType.WILDCARD)
    public TestAnswer test(@PathParam("id") String id) {
        return TestAnswer.of(targets.test(Caller.actor(security, request), id));
    }
}

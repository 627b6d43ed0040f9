package io.arus.core.rest.internal;

import io.arus.core.model.ConnectionSpec;
import io.arus.core.rest.internal.ConnectionViews.ConnectionTestRequest;
import io.arus.core.rest.internal.ConnectionViews.ConnectionView;
import io.arus.core.rest.internal.ConnectionViews.TestResult;
import io.arus.core.service.ConnectionService;
import io.arus.core.store.ConnectionKind;
import io.arus.core.store.Role;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

/** What {@code /api/sources} and {@code /api/destinations} share: everyone reads; editors change and test. */
abstract class ConnectionResource {
    private final ConnectionService connections;
    private final ConnectionKind kind;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    ConnectionResource(ConnectionService connections, ConnectionKind kind) {
        this.connections = connections;
        this.kind = kind;
    }

    ConnectionService connections() {
        return connections;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public List<ConnectionView> list() {
        return connections.list(kind).stream().map(ConnectionView::of).toList();
    }

    @POST
    @RequiresRole(Role.EDITOR)
    public Response create(ConnectionSpec body) {
        ConnectionView created = ConnectionView.of(connections.create(Caller.actor(security, request), kind, body));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    public ConnectionView get(@PathParam("id") String id) {
        return ConnectionView.of(connections.get(kind, id));
    }

    @PUT
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public ConnectionView update(@PathParam("id") String id, ConnectionSpec body) {
        return ConnectionView.of(connections.update(Caller.actor(security, request), kind, id, body));
    }

    @DELETE
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public Response delete(@PathParam("id") String id) {
        connections.delete(Caller.actor(security, request), kind, id);
        return Response.noContent().build();
    }

    /** Tests a configuration without storing it: {@code {type, config, id?}}, see {@link ConnectionTestRequest}. */
    @POST
    @Path("test")
    @RequiresRole(Role.EDITOR)
    public TestResult testUnsaved(ConnectionTestRequest body) {
        Bodies.required(body);
        return TestResult.of(connections.testUnsaved(Caller.actor(security, request), kind,
                new ConnectionSpec(body.name(), body.type(), body.config()), body.id()));
    }

    @POST
    @Path("{id}/test")
    @RequiresRole(Role.EDITOR)
    public TestResult test(@PathParam("id") String id) {
        return TestResult.of(connections.test(Caller.actor(security, request), kind, id));
    }
}

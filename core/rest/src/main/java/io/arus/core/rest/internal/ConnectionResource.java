package io.arus.core.rest.internal;

import io.arus.core.rest.internal.ConnectionViews.ConnectionRequest;
import io.arus.core.rest.internal.ConnectionViews.ConnectionTestRequest;
import io.arus.core.rest.internal.ConnectionViews.ConnectionView;
import io.arus.core.rest.internal.ConnectionViews.TestResult;
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
        return connections.list(kind);
    }

    @POST
    @RequiresRole(Role.EDITOR)
    public Response create(ConnectionRequest body) {
        ConnectionView created = connections.create(kind, body, Caller.of(security).username(), Caller.address(request));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RequiresRole(Role.VIEWER)
    public ConnectionView get(@PathParam("id") String id) {
        return connections.get(kind, id);
    }

    @PUT
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public ConnectionView update(@PathParam("id") String id, ConnectionRequest body) {
        return connections.update(kind, id, body, Caller.of(security).username(), Caller.address(request));
    }

    @DELETE
    @Path("{id}")
    @RequiresRole(Role.EDITOR)
    public Response delete(@PathParam("id") String id) {
        connections.delete(kind, id, Caller.of(security).username(), Caller.address(request));
        return Response.noContent().build();
    }

    /** Tests a configuration without storing it: {@code {type, config, id?}}, see {@link ConnectionTestRequest}. */
    @POST
    @Path("test")
    @RequiresRole(Role.EDITOR)
    public TestResult testUnsaved(ConnectionTestRequest body) {
        return connections.testUnsaved(kind, body);
    }

    @POST
    @Path("{id}/test")
    @RequiresRole(Role.EDITOR)
    public TestResult test(@PathParam("id") String id) {
        return connections.test(kind, id);
    }
}

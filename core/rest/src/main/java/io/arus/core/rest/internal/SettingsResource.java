package io.arus.core.rest.internal;

import io.arus.core.service.SettingsService;
import io.arus.core.store.Role;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/settings}: server settings as key/value pairs. Everyone reads; admins change. Through
 * {@link SettingsService}, which the shell calls too.
 */
@Component(service = SettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SettingsResource {
    private final SettingsService settings;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Activate
    public SettingsResource(@Reference SettingsService settings) {
        this.settings = settings;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public Map<String, String> all() {
        return settings.all();
    }

    /** @return every key the server reads, with {@code type}, {@code default} and {@code help} */
    @GET
    @Path("keys")
    @RequiresRole(Role.VIEWER)
    public List<Map<String, Object>> keys() {
        return KnownSettings.KEYS.stream().map(KnownSettings.Key::view).toList();
    }

    /** Sets the given keys (others stay as they are). */
    @PUT
    @RequiresRole(Role.ADMIN)
    public Map<String, String> update(Map<String, String> body) {
        Bodies.required(body);
        return ServiceProblems.call(() -> settings.update(Caller.actor(security, request), body));
    }
}

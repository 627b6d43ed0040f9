package io.arus.core.rest.internal;

import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import io.arus.core.store.SettingsStore;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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

/** {@code /api/settings}: server settings as key/value pairs. Everyone reads; admins change. */
@Component(service = SettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SettingsResource {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.]{0,99}");

    private final SettingsStore settings;
    private final AuditLog audit;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Activate
    public SettingsResource(@Reference SettingsStore settings, @Reference AuditLog audit) {
        this.settings = settings;
        this.audit = audit;
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
        for (Map.Entry<String, String> entry : body.entrySet()) {
            if (!KEY.matcher(entry.getKey()).matches()) {
                throw ApiException.invalid(entry.getKey(), "is not a valid setting key (lower case, digits, '.', '_')");
            }
            if (entry.getValue() == null || entry.getValue().length() > 10_000) {
                throw ApiException.invalid(entry.getKey(), "must be a string of at most 10000 characters");
            }
        }
        // before the change: a setting is an upsert that retries on its own, which a shared transaction cannot
        audit.record(Caller.of(security).username(), "settings.update", null, String.join(",", body.keySet()),
                Caller.address(request));
        body.forEach(settings::put);
        return settings.all();
    }
}

package io.arus.core.rest.internal;

import io.arus.core.store.AuditLog;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import io.arus.core.store.RunStore;
import java.util.List;
import java.util.Map;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /api/audit}: who changed what, when, from where; newest first. Admins only. */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRole(Role.ADMIN)
public final class AuditResource {
    private final AuditLog audit;
    private final AuditTargets targets;

    @Activate
    public AuditResource(@Reference AuditLog audit, @Reference PipelineStore pipelines, @Reference RunStore runs) {
        this.audit = audit;
        this.targets = new AuditTargets(pipelines, runs);
    }

    /** Entries, newest first; those about a pipeline or a run name the pipeline ({@code target_name}). */
    @GET
    public List<Map<String, Object>> list(@QueryParam("limit") @DefaultValue("100") int limit,
                                 @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.invalid("limit", "must be between 1 and 1000");
        }
        if (offset < 0) {
            throw ApiException.invalid("offset", "must not be negative");
        }
        return targets.views(audit.list(limit, offset));
    }
}

package io.arus.core.rest.internal;

import io.arus.core.gitops.ApplyPlan;
import io.arus.core.gitops.ApplyStatus;
import io.arus.core.gitops.InvalidDocumentException;
import io.arus.core.gitops.PipelinesAsCode;
import io.arus.core.security.AuthenticatedUser;
import io.arus.core.service.Actor;
import io.arus.core.store.Role;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
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
 * Pipelines as code over HTTP: {@code GET /api/export} answers the YAML document, {@code POST /api/apply} plans
 * ({@code dry_run=true}) or applies one, all or nothing, {@code GET /api/apply/status} tells how the watched folder
 * fared. Exporting, planning and applying need the editor role: an export shows every configuration. The body is
 * bounded by {@link BodyLimit} (1 MB) before it is read.
 */
@Component(service = ApplyResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("")
public final class ApplyResource {
    /** The media type of the document. */
    static final String YAML = "application/yaml";
    private static final int MAX_NAMES = 1_000;

    private final PipelinesAsCode code;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Activate
    public ApplyResource(@Reference PipelinesAsCode code) {
        this.code = code;
    }

    /** The same request shape for a plan and an apply; what the answer lists. */
    record PlanView(List<ChangeView> changes, String summary, boolean applied) {
        static PlanView of(ApplyPlan plan, boolean applied) {
            return new PlanView(plan.changes().stream().map(c -> new ChangeView(c.kind(), c.name(),
                    c.action().name().toLowerCase(Locale.ROOT), c.fields())).toList(), plan.summary(), applied);
        }
    }

    /** One object's change. */
    record ChangeView(String kind, String name, String action, List<String> fields) {
    }

    @GET
    @Path("export")
    @Produces(YAML + ";charset=utf-8")
    @RequiresRole(Role.EDITOR)
    public Response export(@QueryParam("pipelines") String pipelines) {
        Set<String> names = new LinkedHashSet<>();
        if (pipelines != null && !pipelines.isBlank()) {
            Arrays.stream(pipelines.split(",")).map(String::trim).filter(n -> !n.isEmpty()).forEach(names::add);
            if (names.size() > MAX_NAMES) {
                throw ApiException.invalid("pipelines", "names at most " + MAX_NAMES + " pipelines");
            }
        }
        try {
            return Response.ok(code.export(actor(), names), YAML + ";charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"arus.yaml\"").build();
        } catch (InvalidDocumentException e) {
            throw new ApiException(Response.Status.NOT_FOUND, e.getMessage(), errors(e));
        }
    }

    @POST
    @Path("apply")
    @Consumes({YAML, "application/x-yaml", "text/yaml", "text/x-yaml", MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.EDITOR)
    public PlanView apply(@QueryParam("dry_run") String dryRun, @QueryParam("prune") String prune, String yaml) {
        boolean plan = flag("dry_run", dryRun);
        boolean pruning = flag("prune", prune);
        if (yaml == null || yaml.isBlank()) {
            throw ApiException.badRequest("a YAML document is required as the body");
        }
        try {
            return plan ? PlanView.of(code.plan(actor(), yaml, pruning), false)
                    : PlanView.of(code.apply(actor(), yaml, pruning), true);
        } catch (InvalidDocumentException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, e.getMessage(), errors(e));
        }
    }

    @GET
    @Path("apply/status")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.EDITOR)
    public ApplyStatus status() {
        return code.status();
    }

    private Actor actor() {
        AuthenticatedUser user = Caller.of(security);
        return new Actor(user.username(), user.role(), Caller.address(request));
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.invalid(name, "must be true or false");
    }

    private static List<Problem.FieldError> errors(InvalidDocumentException e) {
        return e.violations().stream().map(v -> new Problem.FieldError(v.field() == null ? "body" : v.field(),
                v.message() + (v.line() > 0 ? " (line " + v.line() + ", column " + v.column() + ")" : ""))).toList();
    }
}

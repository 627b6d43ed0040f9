package io.arus.core.rest.internal;

import io.arus.core.scheduler.ScheduleService;
import io.arus.core.store.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/schedule/preview?cron=&timezone=&count=}: the next fire times of a cron expression, so the console
 * can show them while a schedule is typed, each in the schedule's zone ({@code at} with its offset, {@code zone},
 * {@code utc}); 400 naming {@code cron} or {@code timezone} when either is wrong.
 */
@Component(service = ScheduleResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("schedule")
@Produces(MediaType.APPLICATION_JSON)
public final class ScheduleResource {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ScheduleService schedules;

    @GET
    @Path("preview")
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> preview(@QueryParam("cron") String cron, @QueryParam("timezone") String timezone,
                                       @QueryParam("count") @DefaultValue("3") int count) {
        ScheduleService service = schedules;
        if (service == null) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, "the scheduler is not running", List.of());
        }
        if (cron == null || cron.isBlank()) {
            throw ApiException.invalid("cron", "is required");
        }
        if (count < 1 || count > 20) {
            throw ApiException.invalid("count", "must be between 1 and 20");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Schedules.check(service, cron, timezone, errors);
        if (!errors.isEmpty()) {
            throw Bodies.invalid(errors.stream().map(e -> new Problem.FieldError(e.field().replace("schedule.", ""),
                    e.message())).toList());
        }
        String zone = timezone == null || timezone.isBlank() ? ScheduleService.DEFAULT_TIMEZONE : timezone;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cron", cron);
        view.put("timezone", zone);
        view.put("zone", zone);
        view.put("next", service.nextFireTimes(cron, zone, Instant.now(), count).stream()
                .map(at -> FireTimes.of(at, zone)).toList());
        return view;
    }
}

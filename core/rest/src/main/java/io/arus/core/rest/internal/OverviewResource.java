package io.arus.core.rest.internal;

import io.arus.core.scheduler.ScheduleService;
import io.arus.core.store.Pipeline;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Role;
import io.arus.core.store.Run;
import io.arus.core.store.RunStatistics;
import io.arus.core.store.RunStatus;
import io.arus.core.store.RunStore;
import io.arus.core.store.RunTotals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/dashboard} (pipelines, the ten newest runs with their counters, rows moved, the slowest streams,
 * the next scheduled runs with their time zone)
 * and {@code GET /api/dag} (pipelines as nodes, dependencies as edges from upstream to downstream).
 */
@Component(service = OverviewResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class OverviewResource {
    private static final int DAYS = 14;
    private static final int SLOWEST = 5;
    private static final int RECENT = 10;

    private final PipelineStore pipelines;
    private final RunStore runs;
    private final Clock clock;

    /** The next scheduled runs come from the scheduler while it is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ScheduleService schedules;

    @Activate
    public OverviewResource(@Reference PipelineStore pipelines, @Reference RunStore runs) {
        this.pipelines = pipelines;
        this.runs = runs;
        this.clock = Clock.systemUTC();
    }

    @GET
    @Path("dashboard")
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> dashboard() {
        Instant now = clock.instant();
        List<Pipeline> all = pipelines.list();
        Map<String, Run> latest = runs.latestByPipeline();
        long failing = 0;
        long running = 0;
        for (Pipeline pipeline : all) {
            Run last = latest.get(pipeline.id());
            if (last != null && last.status() == RunStatus.FAILED) {
                failing++;
            }
            if (last != null && !last.status().isFinal()) {
                running++;
            }
        }
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        RunStatistics stats = runs.statistics(now.minus(Duration.ofHours(24)),
                today.minusDays(DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant(), SLOWEST);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pipelines", Map.of("total", all.size(), "enabled", all.stream().filter(Pipeline::enabled).count(),
                "failing", failing, "running", running));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (RunStatus status : RunStatus.values()) {
            byStatus.put(status.id(), stats.runsByStatus().getOrDefault(status.id(), 0L));
        }
        view.put("runs_24h", byStatus);
        List<Map<String, Object>> perDay = new ArrayList<>();
        for (int i = DAYS - 1; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("day", day.toString());
            point.put("rows", stats.rowsPerDay().getOrDefault(day, 0L));
            perDay.add(point);
        }
        view.put("rows_per_day", perDay);
        view.put("rows_today", stats.rowsPerDay().getOrDefault(today, 0L));
        Map<String, String> names = new LinkedHashMap<>();
        all.forEach(p -> names.put(p.id(), p.name()));
        view.put("slowest_streams", stats.slowestStreams().stream().map(s -> {
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("run_id", s.runId());
            stream.put("pipeline_id", s.pipelineId());
            stream.put("pipeline_name", names.get(s.pipelineId()));
            stream.put("stream", s.stream());
            stream.put("duration_ms", s.durationMs());
            stream.put("rows_written", s.rowsWritten());
            stream.put("rows_per_second", s.durationMs() <= 0 ? 0 : s.rowsWritten() * 1000 / s.durationMs());
            return stream;
        }).toList());
        List<Run> recent = runs.recent(RECENT);
        Map<String, RunTotals> totals = runs.totals(recent.stream().map(Run::id).toList());
        view.put("recent_runs", recent.stream().map(run -> PipelineViews.run(run, names.get(run.pipelineId()),
                totals.get(run.id()))).toList());
        ScheduleService service = schedules;
        view.put("next_runs", service == null ? List.of() : service.upcoming(5).stream().map(u -> {
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("pipeline_id", u.pipelineId());
            next.put("pipeline_name", u.pipelineName());
            next.put("cron", u.cron());
            next.put("timezone", u.timezone());
            next.putAll(FireTimes.of(u.nextFireTime(), u.timezone()));
            return next;
        }).toList());
        return view;
    }

    @GET
    @Path("dag")
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> dag() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        Map<String, Run> latest = runs.latestByPipeline();
        for (Pipeline pipeline : pipelines.list()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", pipeline.id());
            node.put("name", pipeline.name());
            node.put("enabled", pipeline.enabled());
            Run last = latest.get(pipeline.id());
            node.put("last_status", last == null ? null : last.status().id());
            node.put("schedule", pipeline.scheduleCron() == null ? null
                    : Map.of("cron", pipeline.scheduleCron(), "timezone",
                            pipeline.scheduleTimezone() == null ? "UTC" : pipeline.scheduleTimezone()));
            nodes.add(node);
            for (String upstream : pipeline.dependsOn()) {
                Map<String, Object> edge = new LinkedHashMap<>();
                edge.put("from", upstream);
                edge.put("to", pipeline.id());
                edges.add(edge);
            }
        }
        Map<String, Object> dag = new LinkedHashMap<>();
        dag.put("nodes", nodes);
        dag.put("edges", edges);
        return dag;
    }
}

package io.arus.core.rest.internal;

import io.arus.core.engine.RunService;
import io.arus.core.store.ClusterNodeStore;
import io.arus.core.store.ClusterNodeStore.Node;
import io.arus.core.store.MetadataDatabase;
import io.arus.core.store.Role;
import io.arus.core.store.RunLeaseStore;
import io.arus.core.store.RunLeaseStore.Lease;
import java.time.Duration;
import java.time.Instant;
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
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/cluster}: the servers on this metadata database, each with its last heartbeat, whether it is
 * alive (heard from within {@value #ALIVE_SECONDS} s) and the runs it holds leases for; and which one answers.
 */
@Component(service = ClusterResource.class)
@JaxrsResource
@JaxrsApplicationSelect(ArusApplication.SELECT)
@Path("cluster")
@Produces(MediaType.APPLICATION_JSON)
public final class ClusterResource {
    /** Silent for as long as a run lease lasts (heartbeats every 5 s) and a node no longer counts as alive. */
    static final long ALIVE_SECONDS = 30;

    private final MetadataDatabase database;
    private final ClusterNodeStore nodes;
    private final RunLeaseStore leases;
    private final RunService runs;

    @Activate
    public ClusterResource(@Reference MetadataDatabase database, @Reference ClusterNodeStore nodes,
                           @Reference RunLeaseStore leases, @Reference RunService runs) {
        this.database = database;
        this.nodes = nodes;
        this.leases = leases;
        this.runs = runs;
    }

    @GET
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> cluster() {
        Instant now = Instant.now();
        List<Lease> all = leases.all();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Node node : nodes.all()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", node.nodeId());
            view.put("this", node.nodeId().equals(runs.node()));
            view.put("started_at", node.startedAt());
            view.put("heartbeat_at", node.heartbeatAt());
            view.put("alive", Duration.between(node.heartbeatAt(), now).getSeconds() < ALIVE_SECONDS);
            view.put("runs", all.stream().filter(lease -> lease.nodeId().equals(node.nodeId())).map(lease -> {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("run_id", lease.runId());
                run.put("pipeline_id", lease.pipelineId());
                run.put("lease_expires_at", lease.expiresAt());
                return run;
            }).toList());
            list.add(view);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("clustered", database.clustered());
        answer.put("node", runs.node());
        answer.put("nodes", list);
        return answer;
    }
}

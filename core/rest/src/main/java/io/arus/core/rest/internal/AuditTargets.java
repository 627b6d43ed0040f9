package io.arus.core.rest.internal;

import io.arus.core.store.AuditEntry;
import io.arus.core.store.PipelineStore;
import io.arus.core.store.Run;
import io.arus.core.store.RunStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the pipeline behind audit targets, so that the console shows "pipeline orders (run 1234abcd…)" rather than
 * {@code run:<uuid>}: {@code target_name} is the pipeline's name for {@code pipeline:<id>} and {@code run:<id>}
 * targets ({@code pipeline_id} with it), null for other targets and for pipelines deleted since.
 */
final class AuditTargets {
    private final PipelineStore pipelines;
    private final RunStore runs;

    AuditTargets(PipelineStore pipelines, RunStore runs) {
        this.pipelines = pipelines;
        this.runs = runs;
    }

    /** @return the entries as JSON objects with {@code target_name} and {@code pipeline_id} */
    List<Map<String, Object>> views(List<AuditEntry> entries) {
        Map<String, String> names = new HashMap<>();
        pipelines.list().forEach(p -> names.put(p.id(), p.name()));
        Map<String, Optional<Run>> seenRuns = new HashMap<>();
        return entries.stream().map(entry -> {
            String pipelineId = pipelineOf(entry.target(), seenRuns);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", entry.id());
            view.put("at", entry.at());
            view.put("actor", entry.actor());
            view.put("action", entry.action());
            view.put("target", entry.target());
            view.put("target_name", pipelineId == null ? null : names.get(pipelineId));
            view.put("pipeline_id", pipelineId);
            view.put("detail", entry.detail());
            view.put("client_address", entry.clientAddress());
            return view;
        }).toList();
    }

    private String pipelineOf(String target, Map<String, Optional<Run>> seenRuns) {
        if (target == null) {
            return null;
        }
        if (target.startsWith("pipeline:")) {
            return target.substring("pipeline:".length());
        }
        if (target.startsWith("run:")) {
            String runId = target.substring("run:".length());
            return seenRuns.computeIfAbsent(runId, runs::byId).map(Run::pipelineId).orElse(null);
        }
        return null;
    }
}

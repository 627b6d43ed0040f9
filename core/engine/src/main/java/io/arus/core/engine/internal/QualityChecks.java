package io.arus.core.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamProfile;
import io.arus.api.connector.SyncMode;
import io.arus.core.engine.QualityCheckSettings;
import io.arus.core.engine.QualityCheckSettings.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs a stream's quality checks once it is complete: source rows (soft-deleted ones and, on a full refresh, those
 * the transform steps left out not counted) against destination rows, distinct keys against destination rows, and the share of nulls per column. Each result
 * is {@code passed}, {@code warned}, {@code failed} or {@code skipped}, with the numbers in its detail.
 */
final class QualityChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param json    the results, as stored with the run
     * @param failure why a fail-check failed, or null
     * @param warned  whether a warn-check did not pass
     */
    record Outcome(String json, String failure, boolean warned) {
    }

    private QualityChecks() {
    }

    /**
     * @param filtered the rows the stream's transform steps left out in this run, or null when it has no steps
     */
    static Outcome run(QualityCheckSettings settings, StreamPlan plan, StreamId target, ConnectorSession source,
                       ConnectorSession destination, String excludeSoftDeleted, Long filtered) {
        List<Map<String, Object>> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean keyCheck = settings.uniqueKey() != Action.OFF && !plan.primaryKey().isEmpty();
        if (settings.rowCount() == Action.OFF && !keyCheck && settings.maxNullRatio().isEmpty()) {
            // nothing to check: no count either (a count(*) of the destination took 0.2 s of a 3 s million-row run)
            return new Outcome("[]", null, false);
        }
        try {
            // steps may leave rows out: a full refresh holds this run's rows only, so the rows left out are known;
            // an incremental destination also holds rows earlier runs' steps let through or left out
            boolean countable = filtered == null || plan.syncMode() == SyncMode.FULL_REFRESH;
            if (settings.rowCount() != Action.OFF && !countable) {
                Map<String, Object> skipped = new LinkedHashMap<>();
                skipped.put("check", "row_count");
                skipped.put("status", "skipped");
                skipped.put("detail", "the stream's transform steps may leave rows out and the destination keeps rows "
                        + "of earlier runs, so the counts cannot be compared");
                results.add(skipped);
            }
            // the two databases count at the same time: the checks then cost one count, not two
            CompletableFuture<StreamProfile> before = settings.rowCount() == Action.OFF || !countable ? null
                    : CompletableFuture.supplyAsync(() -> profile(source, plan.stream().id(), excludeSoftDeleted));
            StreamProfile after = destination.profile(target, keyCheck ? plan.primaryKey() : List.of(),
                    List.copyOf(settings.maxNullRatio().keySet()), null);
            if (before != null) {
                StreamProfile counted = joined(before);
                long left = filtered == null ? 0 : filtered;
                add(results, failures, "row_count", settings.rowCount(), counted.rowCount() - left == after.rowCount(),
                        "source " + counted.rowCount() + " rows" + (left > 0 ? ", " + left + " left out by the transform "
                        + "steps" : "") + ", destination " + after.rowCount());
            }
            if (keyCheck) {
                add(results, failures, "unique_key", settings.uniqueKey(), after.distinctKeys() == after.rowCount(),
                        after.distinctKeys() + " distinct keys in " + after.rowCount() + " rows");
            }
            for (Map.Entry<String, Double> limit : settings.maxNullRatio().entrySet()) {
                long nulls = after.nullCounts().getOrDefault(limit.getKey(), 0L);
                double ratio = after.rowCount() == 0 ? 0 : (double) nulls / after.rowCount();
                add(results, failures, "null_ratio:" + limit.getKey(), settings.nullRatio(), ratio <= limit.getValue(),
                        String.format("%d nulls in %d rows (%.4f, at most %.4f)", nulls, after.rowCount(), ratio, limit.getValue()));
            }
        } catch (ConnectorException e) {
            Map<String, Object> skipped = new LinkedHashMap<>();
            skipped.put("check", "all");
            skipped.put("status", "skipped");
            skipped.put("detail", e.getMessage());
            results.add(skipped);
        }
        try {
            boolean warned = results.stream().anyMatch(result -> "warned".equals(result.get("status")));
            return new Outcome(JSON.writeValueAsString(results), failures.isEmpty() ? null : String.join("; ", failures),
                    warned);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StreamProfile profile(ConnectorSession source, StreamId stream, String excludeSoftDeleted) {
        try {
            return source.profile(stream, List.of(), List.of(), excludeSoftDeleted);
        } catch (ConnectorException e) {
            throw new CompletionException(e);
        }
    }

    private static StreamProfile joined(CompletableFuture<StreamProfile> future) throws ConnectorException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConnectorException connector) {
                throw connector;
            }
            throw e;
        }
    }

    private static void add(List<Map<String, Object>> results, List<String> failures, String check, Action action,
                            boolean passed, String detail) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("check", check);
        result.put("status", passed ? "passed" : action == Action.FAIL ? "failed" : "warned");
        result.put("action", action.id());
        result.put("detail", detail);
        results.add(result);
        if (!passed && action == Action.FAIL) {
            failures.add("quality check " + check + " failed: " + detail);
        }
    }
}

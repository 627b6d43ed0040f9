package io.arus.core.scheduler.internal;

import io.arus.api.config.ConfigException;
import io.arus.core.engine.PipelineDefinition;
import io.arus.core.store.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a pipeline's definition says about its triggers.
 *
 * @param misfire {@code run_once} or {@code skip}: a fire time missed while the server was down
 * @param overlap {@code skip} or {@code queue}: a trigger that fires while the pipeline still runs
 */
record PipelinePolicies(String misfire, String overlap) {
    static final String RUN_ONCE = "run_once";
    static final String SKIP = "skip";
    static final String QUEUE = "queue";
    static final PipelinePolicies DEFAULT = new PipelinePolicies(RUN_ONCE, SKIP);

    private static final Logger LOG = LoggerFactory.getLogger(PipelinePolicies.class);

    /** @return the pipeline's policies; the defaults when its stored definition no longer parses */
    static PipelinePolicies of(Pipeline pipeline) {
        try {
            PipelineDefinition definition = PipelineDefinition.parse(pipeline.definition());
            return new PipelinePolicies(definition.misfirePolicy(), definition.overlapPolicy());
        } catch (ConfigException | RuntimeException e) {
            LOG.warn("pipeline {} ({}): its definition does not parse ({}); the scheduler uses misfire_policy {}"
                    + " and overlap_policy {}", pipeline.name(), pipeline.id(), e.getMessage(), DEFAULT.misfire,
                    DEFAULT.overlap);
            return DEFAULT;
        }
    }
}

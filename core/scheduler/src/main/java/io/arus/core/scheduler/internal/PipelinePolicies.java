package io.arus.core.scheduler.internal;

import io.arus.core.model.MisfirePolicy;
import io.arus.core.model.OverlapPolicy;
import io.arus.core.model.SchedulingPolicies;
import io.arus.core.store.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scheduler's side of a pipeline's model: what its triggers do about missed fire times and overlapping runs. */
final class PipelinePolicies {
    private static final Logger LOG = LoggerFactory.getLogger(PipelinePolicies.class);

    private PipelinePolicies() {
    }

    /** @return the pipeline's policies; the defaults when its stored definition no longer binds */
    static SchedulingPolicies of(Pipeline pipeline) {
        try {
            return SchedulingPolicies.of(pipeline.definition());
        } catch (RuntimeException e) {
            LOG.warn("pipeline {} ({}): its definition does not bind ({}); the scheduler uses misfire_policy {}"
                    + " and overlap_policy {}", pipeline.name(), pipeline.id(), e.getMessage(),
                    MisfirePolicy.RUN_ONCE.id(), OverlapPolicy.SKIP.id());
            return SchedulingPolicies.DEFAULT;
        }
    }
}

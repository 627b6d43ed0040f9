package io.arus.core.model;

import java.util.Map;

/**
 * The scheduler's side of a pipeline: what its triggers do about missed fire times and overlapping runs. The
 * scheduler reads only this part of a pipeline's model ({@link PipelineSpec#policies()}).
 *
 * @param misfire a fire time missed while the server was down
 * @param overlap a trigger that fires while the pipeline still runs
 */
public record SchedulingPolicies(MisfirePolicy misfire, OverlapPolicy overlap) {
    /** {@code run_once} and {@code skip}. */
    public static final SchedulingPolicies DEFAULT = new SchedulingPolicies(MisfirePolicy.RUN_ONCE, OverlapPolicy.SKIP);

    /**
     * @param definition a stored pipeline definition ({@link PipelineSpec#definition()})
     * @return its policies, defaults applied
     * @throws InvalidModelException when it no longer binds, naming each field
     */
    public static SchedulingPolicies of(Map<String, ?> definition) {
        return ModelReader.definition(definition).policies();
    }
}

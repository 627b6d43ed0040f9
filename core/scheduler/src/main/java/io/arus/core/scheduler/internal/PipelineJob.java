package io.arus.core.scheduler.internal;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** What a pipeline's cron trigger does: asks for a run with the trigger {@value #TRIGGER}. */
final class PipelineJob implements Job {
    static final String TRIGGER = "schedule";

    private final RunLauncher launcher;

    PipelineJob(RunLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String pipelineId = context.getJobDetail().getKey().getName();
        if (context.getScheduledFireTime() != null && context.getFireTime() != null) {
            launcher.fired(pipelineId, context.getFireTime().getTime() - context.getScheduledFireTime().getTime());
        }
        launcher.launch(pipelineId, TRIGGER);
    }
}

package io.arus.core.scheduler.internal;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Makes the jobs with what they need, instead of Quartz instantiating them by reflection with nothing. */
final class PipelineJobFactory implements JobFactory {
    private final RunLauncher launcher;

    PipelineJobFactory(RunLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        if (type != PipelineJob.class) {
            throw new SchedulerException("unknown job class " + type.getName() + " for " + bundle.getJobDetail().getKey());
        }
        return new PipelineJob(launcher);
    }
}

/**
 * Pipeline schedules: what a cron expression means ({@link io.arus.core.scheduler.ScheduleService#validate},
 * {@link io.arus.core.scheduler.ScheduleService#nextFireTimes}) and which pipelines run next
 * ({@link io.arus.core.scheduler.ScheduleService#upcoming}). Expressions are Quartz cron expressions (seconds
 * first); a schedule without a time zone runs in UTC. The scheduler itself follows the pipelines in the metadata
 * store: it needs no calls to pick up a changed schedule.
 */
@Export
@Version("1.0.0")
package io.arus.core.scheduler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

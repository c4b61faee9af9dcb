import type { Job } from '../model/Job';
import { logEvent } from './logEvent';
import { longrunMetrics } from './longrunMetrics';
import { toJobProperties } from './toJobProperties';

/**
 * A job reached its terminal status (the one write that moved it there, so once per job): the
 * `longrun.jobs.ended` count and duration, and a `job.ended` record — information when it
 * succeeded or was cancelled, a warning when it failed with its kind's own error, an error when it
 * failed unexpectedly (a poisoned message, a time-out).
 */
export function recordJobEnded(job: Job): void {
  longrunMetrics.jobEnded(job);
  const severity = job.status !== 'failed' ? 'info' : job.error?.cause === 'unexpected' ? 'error' : 'warn';
  logEvent(severity, 'job.ended', {
    ...toJobProperties(job),
    status: job.status,
    errorStatus: job.error?.status,
    errorTitle: job.error?.title,
    durationMs: Date.parse(job.completedAt ?? job.updatedAt) - Date.parse(job.createdAt),
  });
}

import { trace } from '@opentelemetry/api';
import type { Job } from '../model/Job';
import { logEvent } from './logEvent';
import { longrunMetrics } from './longrunMetrics';
import { toJobProperties } from './toJobProperties';
import { annotateSpan } from './withSpan';

/** A job was created: the `longrun.jobs.started` count, its properties on the start request's span, a `job.started` record. */
export function recordJobStarted(job: Job): void {
  longrunMetrics.jobStarted(job.kind);
  const properties = toJobProperties(job);
  annotateSpan(properties, trace.getActiveSpan());
  logEvent('info', 'job.started', properties);
}

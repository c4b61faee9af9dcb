import { trace } from '@opentelemetry/api';
import type { Job } from '../model/Job';
import { logEvent } from './logEvent';
import type { LogSink } from './logSink';
import { toJobProperties } from './toJobProperties';
import { annotateSpan } from './withSpan';

/**
 * What one worker invocation came to for its job (`outcome`: the job's terminal status,
 * `continued`, `skipped` or `alreadyEnded`): the job's properties on the worker's span and a
 * `job.ran` record.
 */
export function recordJobRun(jobId: string, outcome: string, job: Job | undefined, sink?: LogSink): void {
  const properties = job ? toJobProperties(job) : { jobId };
  annotateSpan({ ...properties, outcome }, trace.getActiveSpan());
  logEvent('info', 'job.ran', { ...properties, outcome }, sink);
}

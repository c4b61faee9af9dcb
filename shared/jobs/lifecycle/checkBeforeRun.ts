import type { Job } from '../../model/Job';
import { unexpectedFailure } from '../../model/JobFailure';
import type { JobKind } from '../defineJob';
import type { RunStep } from './RunStep';
import { isPastTimeLimit, timeLimitFailure } from './timeLimit';

/**
 * The worker's first step on a live job: run its kind, or end it without running (a kind this
 * app no longer serves, a cancel requested, a time limit passed). Pure: `now` is ms since the epoch.
 */
export function checkBeforeRun(job: Job, kinds: readonly JobKind[], now: number): RunStep | { readonly kind: 'run'; readonly jobKind: JobKind } {
  const jobKind = kinds.find((k) => k.name === job.kind);
  if (!jobKind) return { kind: 'failed', failure: unexpectedFailure(`Job kind "${job.kind}" is not served by this app.`) };
  if (job.cancelRequested) return { kind: 'cancelled' };
  if (isPastTimeLimit(job, jobKind, now)) return { kind: 'failed', failure: timeLimitFailure(jobKind) };
  return { kind: 'run', jobKind };
}

import type { Job } from '../../model/Job';
import { unexpectedFailure, type JobFailure } from '../../model/JobFailure';
import type { JobKind } from '../defineJob';

/** True when the job has lived longer than its kind's timeoutSeconds at `now` (ms since the epoch). */
export function isPastTimeLimit(job: Job, kind: JobKind, now: number): boolean {
  return now - Date.parse(job.createdAt) > kind.timeoutSeconds * 1000;
}

/** The failure of a job past its time limit: one the kind did not choose (424). */
export function timeLimitFailure(kind: JobKind): JobFailure {
  return unexpectedFailure(`The job ran past its time limit of ${kind.timeoutSeconds} seconds.`, 'Job timed out');
}

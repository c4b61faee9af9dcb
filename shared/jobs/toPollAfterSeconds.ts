import type { Job } from '../model/Job';
import type { JobKind } from './defineJob';

/** The shortest Retry-After the pace gives: a job about to end is polled again this soon. */
export const MIN_PACED_POLL_SECONDS = 2;
/** The longest: even a slow job is looked at every 5 minutes, so a change of pace is seen. */
export const MAX_PACED_POLL_SECONDS = 300;

const clamp = (seconds: number): number => Math.min(MAX_PACED_POLL_SECONDS, Math.max(MIN_PACED_POLL_SECONDS, Math.ceil(seconds)));

/**
 * Retry-After for a job that has not ended, from its pace (ARCHITECTURE.md §3): a running job that
 * reports progress is polled when its progress rate says it should end, so a job of any length is
 * polled a handful of times and its end is seen soon after it happens. Reads only the row's own
 * fields (startedAt, updatedAt = the last checkpoint, progress): no storage call.
 * - no progress yet (queued, or a kind that never reports any): the kind's pollAfterSeconds;
 * - otherwise the time until the expected end, 2 s to 5 min, never past the kind's time limit;
 * - a job later than expected is polled again after half its delay (2 s at least), not every 2 s.
 * `now` is ms since the epoch.
 */
export function toPollAfterSeconds(job: Job, kind: Pick<JobKind, 'pollAfterSeconds' | 'timeoutSeconds'>, now: number): number {
  const progress = job.progress ?? 0;
  const startedAt = job.startedAt === undefined ? NaN : Date.parse(job.startedAt);
  const checkpointAt = Date.parse(job.updatedAt);
  const ran = checkpointAt - startedAt;
  if (job.status !== 'running' || !(progress > 0) || !(ran > 0)) return kind.pollAfterSeconds;
  const expectedEnd = progress >= 100 ? checkpointAt : checkpointAt + (ran * (100 - progress)) / progress;
  const untilEnd = (expectedEnd - now) / 1000;
  const paced = untilEnd > 0 ? clamp(untilEnd) : clamp(-untilEnd / 2);
  const untilTimeLimit = (Date.parse(job.createdAt) + kind.timeoutSeconds * 1000 - now) / 1000;
  return Math.min(paced, clamp(untilTimeLimit));
}

import { isTerminal } from '../model/Job';
import type { JobStore, StoredJob } from '../storage/JobStore';
import { updateJob } from './updateJob';
import { unexpectedFailure } from '../model/JobFailure';

/**
 * The end of a job whose message went to `jobs-poison`: failed with 424 (an unexpected failure), naming the attempts and
 * the last error, so a poll sees the failure instead of waiting forever. `attempts` (the host's
 * maxDequeueCount) is used when the worker could not record its own count. A terminal job is left alone.
 */
export async function failPoisonedJob(store: JobStore, jobId: string, attempts: number): Promise<StoredJob | undefined> {
  return updateJob(store, jobId, (job) => {
    if (isTerminal(job.status)) return undefined;
    const at = new Date().toISOString();
    const last = job.lastError ? ` Last error: ${job.lastError}` : '';
    const { lastError: _l, failedAttempts, ...rest } = job;
    return {
      ...rest,
      status: 'failed',
      error: unexpectedFailure(`The worker failed ${failedAttempts ?? attempts} times.${last}`),
      updatedAt: at,
      completedAt: at,
    };
  });
}

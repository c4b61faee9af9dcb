import { isTerminal, type Job } from './Job';
import { CANCELLED } from './cancelJob';
import { updateJob } from './updateJob';
import type { JobStore } from '../storage/JobStore';

/** What unsubscribe did: cancelled a running job, left a finished one, or found none. */
export type UnsubscribeOutcome = 'cancelled' | 'finished' | 'unknown';

/**
 * The webhook action's unsubscribe: a job still queued or running is cancelled and marked
 * unsubscribed (it gets no callback); a finished one is left as it is (unsubscribe also arrives
 * after success).
 */
export async function unsubscribeJob(store: JobStore, jobId: string | undefined): Promise<UnsubscribeOutcome> {
  if (!jobId) return 'unknown';
  let outcome: UnsubscribeOutcome = 'unknown';
  await updateJob(store, jobId, (job): Job | undefined => {
    if (isTerminal(job.status)) {
      outcome = 'finished';
      return undefined;
    }
    outcome = 'cancelled';
    const at = new Date().toISOString();
    const ended = job.status === 'queued' ? { status: 'cancelled' as const, error: CANCELLED, completedAt: at } : {};
    return { ...job, ...ended, cancelRequested: true, unsubscribed: true, updatedAt: at };
  });
  return outcome;
}

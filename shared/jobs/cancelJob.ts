import { isTerminal, type Job } from '../model/Job';
import type { JobStore, StoredJob } from '../storage/JobStore';
import { updateJob } from './updateJob';
import { CANCELLED } from '../model/JobFailure';

/**
 * Cancels a job: a queued one ends cancelled at once; a running one gets `cancelRequested`, which
 * its worker notices at the next checkpoint (and then ends it cancelled). A terminal one is left as
 * it is, so cancel is idempotent.
 */
export async function cancelJob(store: JobStore, stored: StoredJob): Promise<StoredJob> {
  const updated = await updateJob(
    store,
    stored.job.id,
    (job): Job | undefined => {
      if (isTerminal(job.status) || job.cancelRequested) return undefined;
      const at = new Date().toISOString();
      if (job.status === 'queued') return { ...job, status: 'cancelled', cancelRequested: true, error: CANCELLED, updatedAt: at, completedAt: at };
      return { ...job, cancelRequested: true, updatedAt: at };
    },
    stored,
  );
  return updated ?? stored;
}

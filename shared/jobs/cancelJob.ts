import type { JobStore, StoredJob } from '../storage/JobStore';
import { nextJob } from './lifecycle/nextJob';
import { writeJob } from './lifecycle/writeJob';

/**
 * Cancels a job: a queued one ends cancelled at once; a running one gets `cancelRequested`, which
 * its worker notices at the next checkpoint (and then ends it cancelled). A terminal one is left as
 * it is, so cancel is idempotent.
 */
export async function cancelJob(store: JobStore, stored: StoredJob): Promise<StoredJob> {
  const at = new Date().toISOString();
  const written = await writeJob(store, stored, (job) => nextJob(job, { type: 'requestCancel' }, at));
  return written.kind === 'missing' ? stored : written.stored;
}

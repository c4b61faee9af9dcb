import type { Job } from '../model/Job';
import type { JobStore, StoredJob } from '../storage/JobStore';
import { isConflict } from '../storage/storageErrors';

/**
 * Applies `change` to a job with an ETag-conditional write, re-reading and re-applying after a lost
 * race. `change` returns undefined to leave the job as it is. Undefined when the job does not exist.
 */
export async function updateJob(
  store: JobStore,
  jobId: string,
  change: (job: Job) => Job | undefined,
  first?: StoredJob,
): Promise<StoredJob | undefined> {
  let stored = first ?? (await store.get(jobId));
  for (;;) {
    if (!stored) return undefined;
    const next = change(stored.job);
    if (!next) return stored;
    try {
      return await store.replace(next, stored.etag);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    stored = await store.get(jobId);
  }
}

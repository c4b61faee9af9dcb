import type { JobStores } from '../storage/JobStores';
import { isNotFound, isConflict } from '../storage/storageErrors';

/**
 * Retention: deletes terminal jobs completed more than `days` ago, their blobs, and idempotency
 * keys as old. Returns how many jobs went. A row changed meanwhile (412) is left for the next run.
 */
export async function purgeJobs(stores: JobStores, days: number, now = Date.now()): Promise<number> {
  const cutoff = new Date(now - days * 86_400_000).toISOString();
  let purged = 0;
  for await (const { job, etag } of stores.jobs.listCompletedBefore(cutoff)) {
    // The row goes first: a row whose blobs are gone would answer 500 on its status URL.
    try {
      await stores.jobs.delete(job.id, etag);
      purged++;
    } catch (error) {
      if (!isNotFound(error) && !isConflict(error)) throw error;
      continue;
    }
    await stores.payloads.deleteAll(`jobs/${job.id}/`);
    // A streamed input is staged before its job id is final: one adopted by another id lies elsewhere.
    if ('blob' in job.input && !job.input.blob.startsWith(`jobs/${job.id}/`)) await stores.payloads.delete(job.input.blob);
  }
  await stores.idempotency.purgeBefore(cutoff);
  return purged;
}

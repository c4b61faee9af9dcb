import type { JobStores } from '../storage/getStores';

/**
 * Repair: a job still `queued` an hour after its last change has most likely lost its queue message
 * (a crash between the row insert and the send). It is enqueued again; if its message was only
 * slow, the duplicate finds the job moved on (ETag-conditional writes) and does nothing.
 */
export async function requeueStrandedJobs(stores: JobStores, olderThanMs = 3_600_000, now = Date.now()): Promise<number> {
  let requeued = 0;
  for await (const { job } of stores.jobs.listQueuedSince(new Date(now - olderThanMs).toISOString())) {
    await stores.queue.enqueue({ jobId: job.id });
    requeued++;
  }
  return requeued;
}

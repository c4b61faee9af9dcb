import type { JobStores } from '../storage/JobStores';

/**
 * Repair: a job still `queued` an hour after its last change has most likely lost its queue message
 * (a crash between the row insert and the send). It is enqueued again, unless messages older than
 * the job still wait in the queue: then it is only behind a backlog, and a second message would
 * make two runners start it side by side.
 */
export async function requeueStrandedJobs(stores: JobStores, olderThanMs = 3_600_000, now = Date.now()): Promise<number> {
  let requeued = 0;
  let oldest: Date | undefined | null = null; // null: not asked yet
  for await (const { job } of stores.jobs.listQueuedSince(new Date(now - olderThanMs).toISOString())) {
    if (oldest === null) oldest = await stores.queue.oldestWaitingSince();
    if (oldest && oldest.getTime() <= Date.parse(job.updatedAt)) continue;
    await stores.queue.enqueue({ jobId: job.id });
    requeued++;
  }
  return requeued;
}

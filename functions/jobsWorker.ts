import { app, type InvocationContext } from '@azure/functions';
import { getConfig } from '../shared/config';
import { jobKinds } from '../shared/jobs/catalog';
import { runJob } from '../shared/jobs/runJob';
import { afterJobEnded } from '../shared/jobs/afterJobEnded';
import { getJobStores } from '../shared/storage/getStores';
import { QUEUES } from '../shared/storage/names';
import { jobMessageSchema } from '../shared/storage/JobQueue';

/** The `jobs` queue worker: runs one job invocation; throws on unexpected errors so the host retries. */
export async function jobsWorker(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = jobMessageSchema.safeParse(message);
  if (!parsed.success) {
    // A message that can never be a job: fail loudly so it ends in jobs-poison, visible, not silently dropped.
    throw new Error(`jobs message does not parse: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  }
  const stores = await getJobStores();
  const attempt = Number(context.triggerMetadata?.dequeueCount ?? 1);
  // The snapshot is trusted on a message's first attempt, while it is fresh: a retried or late
  // message may carry a stale one (a cancel meanwhile would then run the job until its first write).
  const snapshot = attempt === 1 && isFresh(context.triggerMetadata?.insertionTime) ? parsed.data.snapshot : undefined;
  const outcome = await runJob(stores, parsed.data.jobId, {
    kinds: jobKinds,
    sliceSeconds: getConfig().LONGRUN_JOB_SLICE_SECONDS,
    attempt,
    ...(snapshot ? { snapshot } : {}),
  });
  context.info(`job ${parsed.data.jobId}: ${outcome.kind === 'ended' ? outcome.job.status : outcome.kind}`);
  if (outcome.kind === 'ended') await afterJobEnded(outcome.job, context, { redelivered: false });
  if (outcome.kind === 'alreadyEnded') await afterJobEnded(outcome.job, context, { redelivered: true });
}

/** A message inserted less than 5 s ago (the host's insertionTime): its job's snapshot is still current. */
function isFresh(insertionTime: unknown): boolean {
  const at = insertionTime instanceof Date ? insertionTime.getTime() : typeof insertionTime === 'string' ? Date.parse(insertionTime) : NaN;
  return Number.isFinite(at) && Date.now() - at < 5000;
}

app.storageQueue('jobsWorker', { queueName: QUEUES.jobs, connection: 'AzureWebJobsStorage', handler: jobsWorker });

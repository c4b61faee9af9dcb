import { app, type InvocationContext } from '@azure/functions';
import { jobKinds } from '../shared/jobs/catalog';
import { runJobThroughOutage } from '../shared/jobs/runJobThroughOutage';
import { afterJobEnded } from '../shared/jobs/afterJobEnded';
import { getLongrun } from '../shared/app/getLongrun';
import { readQueueMessage } from '../shared/storage/readQueueMessage';
import { QUEUES } from '../shared/storage/names';
import { isSnapshotFresh, jobMessageSchema } from '../shared/storage/JobQueue';
import { recordJobRun } from '../shared/telemetry/recordJobRun';

/** The `jobs` queue worker: runs one job invocation; throws on unexpected errors so the host retries. */
export async function jobsWorker(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = readQueueMessage(jobMessageSchema, message, QUEUES.jobs);
  const longrun = await getLongrun();
  const attempt = Number(context.triggerMetadata?.dequeueCount ?? 1);
  // The snapshot is trusted on a message's first attempt, while it is fresh: a retried or late
  // message may carry a stale one (a cancel meanwhile would then run the job until its first write).
  const snapshot = attempt === 1 && isSnapshotFresh(context.triggerMetadata?.insertionTime) ? parsed.snapshot : undefined;
  const outcome = await runJobThroughOutage(longrun.jobStores, parsed.jobId, {
    kinds: [...jobKinds, ...longrun.internalKinds],
    sliceSeconds: longrun.config.LONGRUN_JOB_SLICE_SECONDS,
    attempt,
    ...(snapshot ? { snapshot } : {}),
  });
  const job = outcome.kind === 'ended' || outcome.kind === 'alreadyEnded' ? outcome.job : undefined;
  recordJobRun(parsed.jobId, outcome.kind === 'ended' ? outcome.job.status : outcome.kind, job, context);
  if (outcome.kind === 'ended') await afterJobEnded(longrun, outcome.job, context, { redelivered: false });
  if (outcome.kind === 'alreadyEnded') await afterJobEnded(longrun, outcome.job, context, { redelivered: true });
}

app.storageQueue('jobsWorker', { queueName: QUEUES.jobs, connection: 'AzureWebJobsStorage', handler: jobsWorker });

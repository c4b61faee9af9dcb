import { app, type InvocationContext } from '@azure/functions';
import { failPoisonedJob } from '../shared/jobs/failPoisonedJob';
import { afterJobEnded } from '../shared/jobs/afterJobEnded';
import { readMaxDequeueCount } from '../shared/jobs/readMaxDequeueCount';
import { getJobStores } from '../shared/storage/getStores';
import { QUEUES, toPoisonQueueName } from '../shared/storage/names';
import { jobMessageSchema } from '../shared/storage/JobQueue';

/** `jobs-poison`: a job whose worker failed every attempt ends failed (500), visible on its status URL. */
export async function jobsPoison(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = jobMessageSchema.safeParse(message);
  if (!parsed.success) {
    context.error(`jobs-poison: a message that names no job was dropped: ${JSON.stringify(message).slice(0, 200)}`);
    return;
  }
  const stores = await getJobStores();
  const ended = await failPoisonedJob(stores.jobs, parsed.data.jobId, readMaxDequeueCount());
  context.warn(`job ${parsed.data.jobId}: poisoned, ${ended ? ended.job.status : 'missing'}`);
  if (ended?.job.status === 'failed') await afterJobEnded(ended.job, context, { redelivered: false });
}

app.storageQueue('jobsPoison', { queueName: toPoisonQueueName(QUEUES.jobs), connection: 'AzureWebJobsStorage', handler: jobsPoison });

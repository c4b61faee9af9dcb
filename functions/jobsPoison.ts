import { app, type InvocationContext } from '@azure/functions';
import { failPoisonedJob } from '../shared/jobs/failPoisonedJob';
import { afterJobEnded } from '../shared/jobs/afterJobEnded';
import { isTerminal } from '../shared/model/Job';
import { readMaxDequeueCount } from '../shared/jobs/readMaxDequeueCount';
import { getLongrun } from '../shared/app/getLongrun';
import { readPoisonMessage } from '../shared/storage/readQueueMessage';
import { QUEUES, toPoisonQueueName } from '../shared/storage/names';
import { jobMessageSchema } from '../shared/storage/JobQueue';
import { recordPoisonMessage } from '../shared/telemetry/recordPoisonMessage';
import { toJobProperties } from '../shared/telemetry/toJobProperties';
import { settlePoisonMessage } from '../shared/app/settlePoisonMessage';

/** `jobs-poison`: a job whose worker failed every attempt ends failed (424), visible on its status URL. */
export async function jobsPoison(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = readPoisonMessage(jobMessageSchema, message, 'jobs-poison', context);
  if (!parsed) return;
  await settlePoisonMessage(toPoisonQueueName(QUEUES.jobs), { jobId: parsed.jobId }, context, async () => {
    const longrun = await getLongrun();
    const ended = await failPoisonedJob(longrun.jobStores.jobs, parsed.jobId, readMaxDequeueCount());
    recordPoisonMessage(QUEUES.jobs, 'job', { ...(ended ? toJobProperties(ended.job) : { jobId: parsed.jobId }), status: ended?.job.status ?? 'missing' }, context);
    // Whatever ended the job (this handler, or a worker whose after-end steps kept failing), its
    // callback and event must still go out; `redelivered` makes them skip what was already done.
    if (ended && isTerminal(ended.job.status)) await afterJobEnded(longrun, ended.job, context, { redelivered: true });
  });
}

app.storageQueue('jobsPoison', { queueName: toPoisonQueueName(QUEUES.jobs), connection: 'AzureWebJobsStorage', handler: jobsPoison });

import { app, type InvocationContext } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { settlePoisonMessage } from '../shared/app/settlePoisonMessage';
import { deadLetterFanout } from '../shared/events/deadLetterFanout';
import { readMaxDequeueCount } from '../shared/jobs/readMaxDequeueCount';
import { fanoutMessageSchema } from '../shared/storage/FanoutQueue';
import { readPoisonMessage } from '../shared/storage/readQueueMessage';
import { QUEUES, toPoisonQueueName } from '../shared/storage/names';
import { recordDeadLetter } from '../shared/telemetry/recordDeadLetter';
import { recordPoisonMessage } from '../shared/telemetry/recordPoisonMessage';

/**
 * `fanout-poison`: the fan-out of an event kept failing. Its undelivered hook deliveries are
 * dead-lettered, so the loss is visible in the deliveries table and can be replayed.
 */
export async function fanoutPoison(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = readPoisonMessage(fanoutMessageSchema, message, 'fanout-poison', context);
  if (!parsed) return;
  await settlePoisonMessage(toPoisonQueueName(QUEUES.fanout), { topic: parsed.topic, eventId: parsed.eventId }, context, async () => {
    const reason = `the fan-out worker failed ${readMaxDequeueCount()} times`;
    const dead = await deadLetterFanout(await getLongrun(), parsed.topic, parsed.eventId, reason);
    recordPoisonMessage(QUEUES.fanout, 'fanout', { topic: parsed.topic, eventId: parsed.eventId, deadLettered: dead.length }, context);
    for (const delivery of dead) recordDeadLetter(delivery, context);
  });
}

app.storageQueue('fanoutPoison', { queueName: toPoisonQueueName(QUEUES.fanout), connection: 'AzureWebJobsStorage', handler: fanoutPoison });

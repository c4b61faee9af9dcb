import { app, type InvocationContext } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { settlePoisonMessage } from '../shared/app/settlePoisonMessage';
import { deadLetterDelivery } from '../shared/delivery/deadLetterDelivery';
import { readMaxDequeueCount } from '../shared/jobs/readMaxDequeueCount';
import { deliveryMessageSchema } from '../shared/storage/DeliveryQueue';
import { readPoisonMessage } from '../shared/storage/readQueueMessage';
import { QUEUES, toPoisonQueueName } from '../shared/storage/names';
import { recordDeadLetter } from '../shared/telemetry/recordDeadLetter';
import { recordPoisonMessage } from '../shared/telemetry/recordPoisonMessage';
import { toDeliveryProperties } from '../shared/telemetry/toDeliveryProperties';

/** `deliveries-poison`: a delivery whose worker failed every attempt is dead-lettered, visible and replayable. */
export async function deliveriesPoison(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = readPoisonMessage(deliveryMessageSchema, message, 'deliveries-poison', context);
  if (!parsed) return;
  await settlePoisonMessage(toPoisonQueueName(QUEUES.deliveries), { deliveryId: parsed.deliveryId }, context, async () => {
    const deliveries = (await getLongrun()).deliveries;
    const reason = `the delivery worker failed ${readMaxDequeueCount()} times`;
    const dead = await deadLetterDelivery(deliveries, parsed.deliveryId, parsed.target, reason);
    recordPoisonMessage(QUEUES.deliveries, 'delivery', { ...toDeliveryProperties(dead), status: dead.status }, context);
    if (dead.status === 'dead' && dead.attempts.at(-1)?.result === 'workerFailed') recordDeadLetter(dead, context);
  });
}

app.storageQueue('deliveriesPoison', { queueName: toPoisonQueueName(QUEUES.deliveries), connection: 'AzureWebJobsStorage', handler: deliveriesPoison });

import { app, type InvocationContext } from '@azure/functions';
import { countAttempts } from '../shared/model/Delivery';
import { getLongrun } from '../shared/app/getLongrun';
import { runQueuedDelivery } from '../shared/delivery/runQueuedDelivery';
import { deliveryMessageSchema } from '../shared/storage/DeliveryQueue';
import { readQueueMessage } from '../shared/storage/readQueueMessage';
import { QUEUES } from '../shared/storage/names';
import { logEvent } from '../shared/telemetry/logEvent';
import { toDeliveryProperties } from '../shared/telemetry/toDeliveryProperties';

/** The `deliveries` queue: the next attempt of a callback or hook delivery, when its visibility delay ends. */
export async function deliveriesWorker(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = readQueueMessage(deliveryMessageSchema, message, QUEUES.deliveries);
  const next = await runQueuedDelivery((await getLongrun()).deliveries, parsed);
  if (next) logEvent('info', 'delivery.ran', { ...toDeliveryProperties(next), status: next.status, attempts: countAttempts(next) }, context);
}

app.storageQueue('deliveriesWorker', { queueName: QUEUES.deliveries, connection: 'AzureWebJobsStorage', handler: deliveriesWorker });

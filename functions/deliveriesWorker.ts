import { app, type InvocationContext } from '@azure/functions';
import { countAttempts, newDelivery } from '../shared/model/Delivery';
import { getLongrun } from '../shared/app/getLongrun';
import { runDelivery } from '../shared/delivery/runDelivery';
import { deliveryMessageSchema } from '../shared/storage/DeliveryQueue';
import { readQueueMessage } from '../shared/storage/readQueueMessage';
import { QUEUES } from '../shared/storage/names';
import { logEvent } from '../shared/telemetry/logEvent';
import { toDeliveryProperties } from '../shared/telemetry/toDeliveryProperties';

/** The `deliveries` queue: the next attempt of a callback or hook delivery, when its visibility delay ends. */
export async function deliveriesWorker(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = readQueueMessage(deliveryMessageSchema, message, QUEUES.deliveries);
  const deps = (await getLongrun()).deliveries;
  const stored = await deps.store.get(parsed.deliveryId);
  if (stored && stored.delivery.status !== 'pending') return; // already ended: a duplicate message
  // A message for an attempt the record has passed (a handed-off first attempt that recorded itself)
  // sends nothing. One the record has not reached yet is run from the record: the next attempt is
  // queued before its record is written, so a short retry delay can bring it first. Its writer's
  // write and this attempt's are then both kept: the one that loses the ETag race is applied again
  // to the row as the winner left it (runDelivery's recordOutcome).
  if (stored && parsed.attempt !== undefined && stored.delivery.attemptsInRound > parsed.attempt) return;
  const delivery = stored?.delivery ?? newDelivery(parsed.deliveryId, parsed.target);
  const next = await runDelivery(deps, delivery, stored?.etag);
  logEvent('info', 'delivery.ran', { ...toDeliveryProperties(next), status: next.status, attempts: countAttempts(next) }, context);
}

app.storageQueue('deliveriesWorker', { queueName: QUEUES.deliveries, connection: 'AzureWebJobsStorage', handler: deliveriesWorker });

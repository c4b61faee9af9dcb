import { app, type InvocationContext } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { deadLetterDelivery } from '../shared/delivery/deadLetterDelivery';
import { toHookDeliveryId } from '../shared/events/deliverToHooks';
import { groupHooksByUrl } from '../shared/events/groupHooksByUrl';
import { readMaxDequeueCount } from '../shared/jobs/readMaxDequeueCount';
import { fanoutMessageSchema } from '../shared/storage/FanoutQueue';
import { readPoisonMessage } from '../shared/storage/readQueueMessage';
import { QUEUES, toPoisonQueueName } from '../shared/storage/names';

/**
 * `fanout-poison`: the fan-out of an event kept failing. The delivery to each callback URL with an
 * active subscription that does not exist yet is dead-lettered, so the loss is visible in the
 * deliveries table and can be replayed.
 */
export async function fanoutPoison(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = readPoisonMessage(fanoutMessageSchema, message, 'fanout-poison', context);
  if (!parsed) return;
  const { topic, eventId } = parsed;
  const longrun = await getLongrun();
  const { store } = longrun.deliveries;
  const reason = `the fan-out worker failed ${readMaxDequeueCount()} times`;
  for (const [first] of groupHooksByUrl(await longrun.hooks.listActive(topic))) {
    const urlKey = first?.hook.urlKey ?? '';
    await deadLetterDelivery(store, toHookDeliveryId(eventId, urlKey), { kind: 'hook', topic, hookId: urlKey, eventId }, reason, { onlyIfMissing: true });
  }
  context.warn(`event ${eventId}: fan-out poisoned; undelivered hook deliveries dead-lettered`);
}

app.storageQueue('fanoutPoison', { queueName: toPoisonQueueName(QUEUES.fanout), connection: 'AzureWebJobsStorage', handler: fanoutPoison });

import { app, type InvocationContext } from '@azure/functions';
import { getLongrun } from '../shared/app/getLongrun';
import { deliverToHooks } from '../shared/events/deliverToHooks';
import { fanoutMessageSchema } from '../shared/storage/FanoutQueue';
import { readQueueMessage } from '../shared/storage/readQueueMessage';
import { QUEUES } from '../shared/storage/names';
import { logEvent } from '../shared/telemetry/logEvent';

/** The `fanout` queue: one event to every hook of its topic (webhook triggers). */
export async function fanoutWorker(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = readQueueMessage(fanoutMessageSchema, message, QUEUES.fanout);
  const deliveries = await deliverToHooks(await getLongrun(), parsed.topic, parsed.eventId);
  const pending = deliveries.filter((d) => d.status === 'pending').length;
  logEvent('info', 'fanout.ran', { topic: parsed.topic, eventId: parsed.eventId, deliveries: deliveries.length, pending }, context);
}

app.storageQueue('fanoutWorker', { queueName: QUEUES.fanout, connection: 'AzureWebJobsStorage', handler: fanoutWorker });

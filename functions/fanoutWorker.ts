import { app, type InvocationContext } from '@azure/functions';
import { deliverToHooks } from '../shared/events/deliverToHooks';
import { fanoutMessageSchema } from '../shared/storage/FanoutQueue';
import { QUEUES } from '../shared/storage/names';

/** The `fanout` queue: one event to every hook of its topic (webhook triggers). */
export async function fanoutWorker(message: unknown, context: InvocationContext): Promise<void> {
  const parsed = fanoutMessageSchema.safeParse(message);
  if (!parsed.success) throw new Error(`fanout message does not parse: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const deliveries = await deliverToHooks(parsed.data.topic, parsed.data.eventId);
  const pending = deliveries.filter((d) => d.status === 'pending').length;
  context.info(`event ${parsed.data.eventId}: ${deliveries.length} hook deliveries, ${pending} pending a retry`);
}

app.storageQueue('fanoutWorker', { queueName: QUEUES.fanout, connection: 'AzureWebJobsStorage', handler: fanoutWorker });

import type { QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import { toQueueMessage } from './queueMessage';

const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('callback'), jobId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('hook'), topic: z.string().min(1).max(64), hookId: z.string().min(1).max(64), eventId: z.string().min(1).max(64) }),
]);

/** What the `deliveries` queue carries: the delivery id and its target, so a message alone can rebuild it. */
export const deliveryMessageSchema = z.object({ deliveryId: z.string().min(1).max(200), target });
export type DeliveryMessage = z.infer<typeof deliveryMessageSchema>;

/** The `deliveries` queue: the next attempt of a delivery, timed by the message's visibility. */
export class DeliveryQueue {
  constructor(private readonly queue: QueueClient) {}

  async enqueue(message: DeliveryMessage, delaySeconds = 0): Promise<void> {
    await this.queue.sendMessage(toQueueMessage(message), {
      // NOTE: a queue message can be hidden for at most 7 days; the schedule's longest wait is 10 h.
      visibilityTimeout: Math.min(Math.max(0, Math.round(delaySeconds)), 7 * 86_400 - 1),
      messageTimeToLive: -1,
    });
  }
}

import { z } from 'zod';
import { MessageQueue } from './MessageQueue';
import { traceContextShape } from './queueMessage';

const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('callback'), jobId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('hook'), topic: z.string().min(1).max(64), hookId: z.string().min(1).max(64), eventId: z.string().min(1).max(64) }),
]);

/**
 * What the `deliveries` queue carries: the delivery id and its target, so a message alone can rebuild
 * it (and the trace context), and which attempt it is for (the record's attemptsInRound when it was queued): a message whose
 * attempt the record has already passed is stale and sends nothing. Older messages carry none.
 */
export const deliveryMessageSchema = z.object({ deliveryId: z.string().min(1).max(200), target, attempt: z.number().int().min(0).max(1000).optional(), ...traceContextShape });
export type DeliveryMessage = z.infer<typeof deliveryMessageSchema>;

/** The `deliveries` queue: the next attempt of a delivery, timed by the message's visibility. */
export class DeliveryQueue extends MessageQueue<DeliveryMessage> {}

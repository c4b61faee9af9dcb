import { z } from 'zod';
import { MessageQueue } from './MessageQueue';
import { traceContextShape } from './queueMessage';

/** What the `fanout` queue carries: one published event to hand to every hook of its topic (and the trace context). */
export const fanoutMessageSchema = z.object({ topic: z.string().min(1).max(64), eventId: z.string().min(1).max(64), ...traceContextShape });
export type FanoutMessage = z.infer<typeof fanoutMessageSchema>;

/** The `fanout` queue: one message per event of a topic that has hooks. */
export class FanoutQueue extends MessageQueue<FanoutMessage> {}

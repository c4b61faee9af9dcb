import { z } from 'zod';
import { MessageQueue } from './MessageQueue';

/**
 * What the `fanout` queue carries: one published event to hand to every hook of its topic.
 * `replay`: the publish was a repeat (an Idempotency-Key replay, a retried worker): hooks whose
 * delivery exists already are skipped.
 */
export const fanoutMessageSchema = z.object({ topic: z.string().min(1).max(64), eventId: z.string().min(1).max(64), replay: z.boolean().default(false) });
export type FanoutMessage = z.infer<typeof fanoutMessageSchema>;

/** The `fanout` queue: one message per event of a topic that has hooks. */
export class FanoutQueue extends MessageQueue<FanoutMessage> {}

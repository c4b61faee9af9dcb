import { z } from 'zod';
import { defineTopic } from '../defineTopic';

/** What an operational event says of a delivery's target: never its URL (a secret) or a hook's secret. */
export const deliveryTargetSchema = z
  .object({
    kind: z.enum(['callback', 'hook']).describe('callback (a webhook action) or hook (a webhook trigger)'),
    jobId: z.string().optional().describe('The job whose callback it is'),
    topic: z.string().optional().describe("The hook's topic"),
    hookId: z.string().optional().describe("The hook's callback URL key"),
    eventId: z.string().optional().describe('The event delivered'),
  })
  .describe('Whom the delivery is for');

/**
 * Published by Longrun when a delivery runs out of attempts (or its worker kept failing): a
 * workflow can page someone. A dead delivery of a `delivery.dead` event publishes nothing (no loop).
 */
export const deliveryDead = defineTopic({
  name: 'delivery.dead',
  summary: 'When a delivery is dead lettered',
  description: 'Fires when a callback or hook delivery has run out of attempts; it can be replayed. Carries no URL.',
  builtIn: true,
  schema: z.object({
    deliveryId: z.string().describe('Delivery ID'),
    target: deliveryTargetSchema,
    attemptCount: z.number().int().describe('Attempts made'),
    diedAt: z.string().describe('When the delivery was dead-lettered'),
    lastAttempt: z
      .object({ at: z.string(), status: z.number().optional(), errorClass: z.string().optional() })
      .optional()
      .describe("The last attempt's time, status and error class"),
  }),
});

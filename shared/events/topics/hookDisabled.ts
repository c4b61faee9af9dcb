import { z } from 'zod';
import { defineTopic } from '../defineTopic';

/**
 * Published by Longrun when a webhook trigger's callback URL stops receiving: its subscriptions are
 * disabled after failing for LONGRUN_HOOK_DISABLE_AFTER_HOURS, or removed when it answered 404/410.
 */
export const hookDisabled = defineTopic({
  name: 'hook.disabled',
  summary: 'When a hook is disabled or removed',
  description: 'Fires when the subscriptions of a callback URL are disabled after a failing streak or removed because it answered 404 or 410. Carries no URL.',
  builtIn: true,
  schema: z.object({
    topic: z.string().describe("The hooks' topic"),
    hookIds: z.array(z.string()).describe('The subscriptions disabled or removed'),
    urlKey: z.string().describe('The key of their callback URL'),
    action: z.enum(['disabled', 'removed']).describe('disabled (can be enabled again) or removed'),
    reason: z.string().describe('Why'),
    failingSince: z.string().optional().describe('Since when every delivery failed (disabled)'),
    status: z.number().optional().describe('What the callback URL answered (removed)'),
    at: z.string().describe('When'),
  }),
});

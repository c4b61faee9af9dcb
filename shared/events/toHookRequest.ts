import type { Event } from './Event';
import { recordHookHealth } from './recordHookHealth';
import { toWebhookHeaders } from '../delivery/signWebhook';
import type { ResolvedTarget } from '../delivery/runDelivery';
import type { HookStore, StoredHook } from '../storage/HookStore';

/**
 * One event for one hook, signed per Standard Webhooks (`webhook-id` = the event id, the same on
 * every retry; `webhook-timestamp` = this attempt; `webhook-signature` over `id.timestamp.body`).
 * A disabled hook ends the delivery as cancelled.
 */
export function toHookRequest(stored: StoredHook, event: Event, store: HookStore, disableAfterHours: number): ResolvedTarget {
  if (stored.hook.status !== 'active') return { kind: 'end', status: 'cancelled' };
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    kind: 'send',
    request: {
      url: stored.hook.url,
      body,
      headers: { 'content-type': 'application/json', ...toWebhookHeaders({ secret: stored.hook.secret, id: event.id, timestamp, body }) },
    },
    afterAttempt: (result) => recordHookHealth(store, stored, result, disableAfterHours),
  };
}

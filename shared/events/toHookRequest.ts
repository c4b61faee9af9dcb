import type { Event } from '../model/Event';
import { recordHookHealth } from './recordHookHealth';
import { toWebhookHeaders } from '../delivery/signWebhook';
import type { ResolvedTarget } from '../delivery/runDelivery';
import type { StoredHook } from '../storage/HookStore';
import type { HookDeps } from './HookCounts';

/**
 * One event for one callback URL, signed per Standard Webhooks (`webhook-id` = the event id, the
 * same on every retry; `webhook-timestamp` = this attempt; `webhook-signature` over
 * `id.timestamp.body`) with the secret of every live subscription of that URL, so whichever
 * subscribe's secret the receiver kept verifies. No live subscription left: the delivery ends cancelled.
 */
export function toHookRequest(subscriptions: readonly StoredHook[], event: Event, hooks: HookDeps, disableAfterHours: number): ResolvedTarget {
  const live = subscriptions.filter((s) => s.hook.status === 'active');
  const [first] = live;
  if (!first) return { kind: 'end', status: 'cancelled' };
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const secrets = live.map((s) => s.hook.secret);
  return {
    kind: 'send',
    request: {
      url: first.hook.url,
      body,
      headers: { 'content-type': 'application/json', ...toWebhookHeaders({ secrets, id: event.id, timestamp, body }) },
    },
    afterAttempt: (result) => recordHookHealth(hooks, live, result, disableAfterHours),
  };
}

import { getConfig } from '../config';
import type { ResolvedTarget } from '../delivery/runDelivery';
import { getEventStore } from './getEventStore';
import { getHookStore } from './getHookStore';
import { toHookRequest } from './toHookRequest';

/**
 * A queued hook delivery's next attempt: the event and the live subscriptions of its callback URL,
 * read again now (one deleted, disabled or added since the last attempt counts as it is now). The
 * event gone (retention): the delivery ends gone; no live subscription left: it ends cancelled.
 */
export async function resolveHookDelivery(target: { readonly topic: string; readonly hookId: string; readonly eventId: string }): Promise<ResolvedTarget> {
  const hooks = await getHookStore();
  const [subscriptions, event] = await Promise.all([hooks.listByUrl(target.topic, target.hookId), (await getEventStore()).get(target.topic, target.eventId)]);
  if (!event) return { kind: 'end', status: 'gone' };
  return toHookRequest(subscriptions, event, hooks, getConfig().LONGRUN_HOOK_DISABLE_AFTER_HOURS);
}

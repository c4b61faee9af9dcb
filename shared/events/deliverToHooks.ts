import { getConfig } from '../config';
import { newDelivery, type Delivery } from '../model/Delivery';
import { forEachConcurrently } from '../delivery/forEachConcurrently';
import { getDeliveryDeps } from '../delivery/getDeliveryDeps';
import { claimAndRunDelivery } from '../delivery/runDelivery';
import { getEventStore } from './getEventStore';
import { getHookStore } from './getHookStore';
import { groupHooksByUrl } from './groupHooksByUrl';
import { toHookRequest } from './toHookRequest';

/** Deliveries to different callback URLs run side by side, this many at a time. */
const CONCURRENCY = 16;

/**
 * The delivery id of one event for one callback URL of its topic (the `webhook-id` header is the
 * event id). Keyed by the URL, not the subscription: two subscriptions of one URL share it.
 */
export function toHookDeliveryId(eventId: string, urlKey: string): string {
  return `ev_${eventId}_${urlKey}`;
}

/**
 * The fan-out of one event: the first attempt to every callback URL with an active subscription in
 * its topic, inline and side by side; a failed one continues on the `deliveries` queue (whose
 * target names the URL key, so a retry reads that URL's live subscriptions again). Each delivery
 * is claimed (its row inserted) before it is sent, so a repeated or concurrent fan-out of the same
 * event sends nothing twice, and a URL subscribed twice gets one POST per event.
 */
export async function deliverToHooks(topic: string, eventId: string): Promise<Delivery[]> {
  const event = await (await getEventStore()).get(topic, eventId);
  if (!event) return [];
  const hooks = await getHookStore();
  const deps = await getDeliveryDeps();
  const disableAfterHours = getConfig().LONGRUN_HOOK_DISABLE_AFTER_HOURS;
  const results: Delivery[] = [];
  await forEachConcurrently(groupHooksByUrl(await hooks.listActive(topic)), CONCURRENCY, async (subscriptions) => {
    const urlKey = subscriptions[0]?.hook.urlKey ?? '';
    const inline = { ...deps, resolve: () => Promise.resolve(toHookRequest(subscriptions, event, hooks, disableAfterHours)) };
    const target = { kind: 'hook', topic, hookId: urlKey, eventId } as const;
    const delivery = await claimAndRunDelivery(inline, newDelivery(toHookDeliveryId(eventId, urlKey), target));
    if (delivery) results.push(delivery);
  });
  return results;
}

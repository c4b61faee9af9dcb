import { newDelivery, type Delivery } from '../model/Delivery';
import { forEachConcurrently } from '../delivery/forEachConcurrently';
import { claimAndRunDelivery, type DeliveryDeps } from '../delivery/runDelivery';
import { groupHooksByUrl } from './groupHooksByUrl';
import { resolveHookDelivery, type HookTargetDeps } from './resolveHookDelivery';

/** Deliveries to different callback URLs run side by side, this many at a time. */
const CONCURRENCY = 16;

/** What a fan-out needs: what resolving a hook delivery needs, and the delivery pipeline. */
export interface HookDeliveryDeps extends HookTargetDeps {
  readonly deliveries: DeliveryDeps;
}

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
 * event sends nothing twice, and a URL subscribed twice gets one POST per event. The first attempt
 * resolves like a retry (resolveHookDelivery) from the event and subscriptions already read.
 */
export async function deliverToHooks(deps: HookDeliveryDeps, topic: string, eventId: string): Promise<Delivery[]> {
  const event = await deps.events.get(topic, eventId);
  if (!event) return [];
  const results: Delivery[] = [];
  await forEachConcurrently(groupHooksByUrl(await deps.hooks.listActive(topic)), CONCURRENCY, async (subscriptions) => {
    const urlKey = subscriptions[0]?.hook.urlKey ?? '';
    const target = { kind: 'hook', topic, hookId: urlKey, eventId } as const;
    const inline = { ...deps.deliveries, resolve: () => resolveHookDelivery(deps, target, { event, subscriptions }) };
    const delivery = await claimAndRunDelivery(inline, newDelivery(toHookDeliveryId(eventId, urlKey), target));
    if (delivery) results.push(delivery);
  });
  return results;
}

import { getConfig } from '../config';
import { newDelivery, type Delivery } from '../delivery/Delivery';
import { forEachConcurrently } from '../delivery/forEachConcurrently';
import { getDeliveryDeps } from '../delivery/getDeliveryDeps';
import { claimAndRunDelivery } from '../delivery/runDelivery';
import { getEventStore } from './getEventStore';
import { getHookStore } from './getHookStore';
import { toHookRequest } from './toHookRequest';

/** Deliveries to different hooks run side by side, this many at a time. */
const CONCURRENCY = 16;

/** The delivery id of one event for one hook (the `webhook-id` header is the event id). */
export function toHookDeliveryId(eventId: string, hookId: string): string {
  return `ev_${eventId}_${hookId}`;
}

/**
 * The fan-out of one event: the first attempt to every active hook of its topic, inline and side
 * by side; a failed one continues on the `deliveries` queue. Each delivery is claimed (its row
 * inserted) before it is sent, so a repeated or concurrent fan-out of the same event sends nothing twice.
 */
export async function deliverToHooks(topic: string, eventId: string): Promise<Delivery[]> {
  const event = await (await getEventStore()).get(topic, eventId);
  if (!event) return [];
  const hooks = await getHookStore();
  const deps = await getDeliveryDeps();
  const disableAfterHours = getConfig().LONGRUN_HOOK_DISABLE_AFTER_HOURS;
  const results: Delivery[] = [];
  await forEachConcurrently(await hooks.listActive(topic), CONCURRENCY, async (stored) => {
    const id = toHookDeliveryId(eventId, stored.hook.id);
    const inline = { ...deps, resolve: () => Promise.resolve(toHookRequest(stored, event, hooks, disableAfterHours)) };
    const delivery = await claimAndRunDelivery(inline, newDelivery(id, { kind: 'hook', topic, hookId: stored.hook.id, eventId }));
    if (delivery) results.push(delivery);
  });
  return results;
}

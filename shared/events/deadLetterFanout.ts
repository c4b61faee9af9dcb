import { deadLetterDelivery } from '../delivery/deadLetterDelivery';
import type { DeliveryDeps } from '../delivery/runDelivery';
import { queueIfUnattempted } from '../delivery/queueUnattemptedClaim';
import type { Delivery } from '../model/Delivery';
import type { HookStore } from '../storage/HookStore';
import { toHookDeliveryId } from './deliverToHooks';
import { groupHooksByUrl } from './groupHooksByUrl';

/**
 * The end of a fan-out whose message was poisoned: the delivery of the event to each callback URL
 * with an active subscription that has none yet is dead-lettered, so the loss is visible and
 * replayable. Deliveries that exist are left to their own retries, except a claim that never got
 * its first attempt (the fan-out failed right after claiming it): that attempt is queued. Returns
 * those it dead-lettered.
 */
export async function deadLetterFanout(
  deps: { readonly hooks: HookStore; readonly deliveries: Pick<DeliveryDeps, 'store' | 'onStateChange' | 'queue' | 'inline'> },
  topic: string,
  eventId: string,
  reason: string,
): Promise<Delivery[]> {
  const dead: Delivery[] = [];
  for (const [first] of groupHooksByUrl(await deps.hooks.listActive(topic))) {
    const urlKey = first?.hook.urlKey ?? '';
    const delivery = await deadLetterDelivery(deps.deliveries, toHookDeliveryId(eventId, urlKey), { kind: 'hook', topic, hookId: urlKey, eventId }, reason, { onlyIfMissing: true });
    if (delivery.status === 'dead' && delivery.attempts.at(-1)?.result === 'workerFailed') dead.push(delivery);
    else await queueIfUnattempted(deps.deliveries, delivery);
  }
  return dead;
}

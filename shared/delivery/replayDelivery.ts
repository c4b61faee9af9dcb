import type { Delivery, DeliveryStatus } from '../model/Delivery';
import type { DeliveryDeps } from './runDelivery';
import { isConflict } from '../storage/storageErrors';

/** What a replay may send again: every end but success (cancelled: unsubscribed, replayed only when asked). */
const REPLAYABLE: readonly DeliveryStatus[] = ['dead', 'gone', 'refused', 'cancelled'];

/**
 * Sends a delivery that did not succeed again (dead-lettered, gone or refused): it becomes pending
 * with a fresh round of the schedule, then its next attempt is queued. If the send fails the row
 * goes back as it was; a crash in between leaves a pending row whose attempt is overdue, which the
 * hourly repair queues again. Undefined when there is no such delivery; a pending or succeeded one
 * (or, with `only`, one in another state) is returned unchanged. The row is replaced only if it is
 * unchanged since it was read, so of two replays of one delivery only one sends it.
 */
export async function replayDelivery(
  deps: Pick<DeliveryDeps, 'store' | 'queue' | 'onStateChange'>,
  id: string,
  options: { readonly only?: readonly DeliveryStatus[] } = {},
): Promise<Delivery | undefined> {
  return (await replayOnce(deps, id, options))?.delivery;
}

/** replayDelivery, telling whether this call replayed it (`replayed`) or left it as it was. */
export async function replayOnce(
  deps: Pick<DeliveryDeps, 'store' | 'queue' | 'onStateChange'>,
  id: string,
  options: { readonly only?: readonly DeliveryStatus[] } = {},
): Promise<{ delivery: Delivery; replayed: boolean } | undefined> {
  const replayable = options.only ?? REPLAYABLE;
  for (;;) {
    const stored = await deps.store.get(id);
    if (!stored) return undefined;
    if (!replayable.includes(stored.delivery.status)) return { delivery: stored.delivery, replayed: false };
    const at = new Date().toISOString();
    const replayed: Delivery = { ...stored.delivery, status: 'pending', attemptsInRound: 0, updatedAt: at, nextAttemptAt: at };
    let etag: string;
    try {
      etag = (await deps.store.replace(replayed, stored.etag)).etag;
    } catch (error) {
      if (isConflict(error)) continue;
      throw error;
    }
    try {
      await deps.queue.enqueue({ deliveryId: id, target: replayed.target });
    } catch (error) {
      await deps.store.replace(stored.delivery, etag).catch(() => undefined); // best effort: the repair covers the rest
      throw error;
    }
    await deps.onStateChange?.(replayed, stored.delivery.status);
    return { delivery: replayed, replayed: true };
  }
}

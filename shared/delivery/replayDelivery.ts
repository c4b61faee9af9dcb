import type { Delivery } from '../model/Delivery';
import type { DeliveryDeps } from './runDelivery';
import { isConflict } from '../storage/storageErrors';

/**
 * Sends a delivery that did not succeed again (dead-lettered, gone or refused): it becomes pending
 * with a fresh round of the schedule, then its next attempt is queued. If the send fails the row
 * goes back as it was; a crash in between leaves a pending row whose attempt is overdue, which the
 * hourly repair queues again. Undefined when there is no such delivery; a pending or succeeded one
 * is returned unchanged.
 */
export async function replayDelivery(deps: Pick<DeliveryDeps, 'store' | 'queue'>, id: string): Promise<Delivery | undefined> {
  for (;;) {
    const stored = await deps.store.get(id);
    if (!stored) return undefined;
    if (stored.delivery.status === 'pending' || stored.delivery.status === 'succeeded') return stored.delivery;
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
    return replayed;
  }
}

import type { Delivery } from './Delivery';
import type { DeliveryDeps } from './runDelivery';
import { isConflict } from '../storage/storageErrors';

/**
 * Sends an ended delivery again (a dead-lettered one, typically): it becomes pending with a fresh
 * round of the schedule and its next attempt is queued now. Undefined when there is no such delivery;
 * a pending one is left as it is.
 */
export async function replayDelivery(deps: Pick<DeliveryDeps, 'store' | 'queue'>, id: string): Promise<Delivery | undefined> {
  for (;;) {
    const stored = await deps.store.get(id);
    if (!stored) return undefined;
    if (stored.delivery.status === 'pending') return stored.delivery;
    const at = new Date().toISOString();
    const replayed: Delivery = { ...stored.delivery, status: 'pending', attemptsInRound: 0, updatedAt: at, nextAttemptAt: at };
    try {
      await deps.store.replace(replayed, stored.etag);
    } catch (error) {
      if (isConflict(error)) continue;
      throw error;
    }
    await deps.queue.enqueue({ deliveryId: id, target: replayed.target });
    return replayed;
  }
}

import { newDelivery, type Delivery, type DeliveryTarget } from '../model/Delivery';
import type { DeliveryStore } from '../storage/DeliveryStore';
import { isConflict } from '../storage/storageErrors';

/**
 * Dead-letters a delivery whose queue message was poisoned (the worker itself kept failing): the
 * delivery is kept, visible as `dead`, and can be replayed. A delivery that already ended stays;
 * with `onlyIfMissing`, so does a pending one (its own retry message is still on the way).
 */
export async function deadLetterDelivery(
  store: DeliveryStore,
  id: string,
  target: DeliveryTarget,
  reason: string,
  options: { onlyIfMissing?: boolean } = {},
): Promise<Delivery> {
  for (;;) {
    const stored = await store.get(id);
    const delivery = stored?.delivery ?? newDelivery(id, target);
    if (delivery.status !== 'pending' || (stored && options.onlyIfMissing)) return delivery;
    const at = new Date().toISOString();
    const { nextAttemptAt: _n, ...rest } = delivery;
    const dead: Delivery = { ...rest, status: 'dead', updatedAt: at, attempts: [...delivery.attempts, { at, result: 'workerFailed', error: reason }] };
    try {
      if (stored) await store.replace(dead, stored.etag);
      else await store.insert(dead);
      return dead;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
}

import { countAttempts, newDelivery, toBoundedAttempts, type Delivery, type DeliveryTarget } from '../model/Delivery';
import type { DeliveryDeps } from './runDelivery';
import { isConflict } from '../storage/storageErrors';

/**
 * Dead-letters a delivery whose queue message was poisoned (the worker itself kept failing): the
 * delivery is kept, visible as `dead`, and can be replayed. A delivery that already ended stays;
 * with `onlyIfMissing`, so does a pending one (its own retry message is still on the way).
 */
export async function deadLetterDelivery(
  deps: Pick<DeliveryDeps, 'store' | 'onStateChange'>,
  id: string,
  target: DeliveryTarget,
  reason: string,
  options: { onlyIfMissing?: boolean } = {},
): Promise<Delivery> {
  const { store } = deps;
  for (;;) {
    const stored = await store.get(id);
    const delivery = stored?.delivery ?? newDelivery(id, target);
    if (delivery.status !== 'pending' || (stored && options.onlyIfMissing)) return delivery;
    const at = new Date().toISOString();
    const { nextAttemptAt: _n, ...rest } = delivery;
    const attempts = toBoundedAttempts([...delivery.attempts, { at, result: 'workerFailed', error: reason, errorClass: 'worker-failed' }]);
    const dead: Delivery = { ...rest, status: 'dead', updatedAt: at, attempts, attemptCount: countAttempts(delivery) + 1 };
    await deps.onStateChange?.(dead, delivery.status);
    try {
      if (stored) await store.replace(dead, stored.etag);
      else await store.insert(dead);
      return dead;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
}

import type { Delivery } from './Delivery';
import type { DeliveryDeps } from './runDelivery';
import { isConflict } from '../storage/storageErrors';

/** The message of a replay waits this long, so the row is pending before it is read. */
const REPLAY_DELAY_SECONDS = 2;

/**
 * Sends a delivery that did not succeed again (dead-lettered, gone or refused): it becomes pending
 * with a fresh round of the schedule. The message is queued before the row changes, so a failure in
 * between leaves a harmless message, never a pending row that nothing will send. Undefined when
 * there is no such delivery; a pending or succeeded one is returned unchanged.
 */
export async function replayDelivery(deps: Pick<DeliveryDeps, 'store' | 'queue'>, id: string): Promise<Delivery | undefined> {
  for (;;) {
    const stored = await deps.store.get(id);
    if (!stored) return undefined;
    if (stored.delivery.status === 'pending' || stored.delivery.status === 'succeeded') return stored.delivery;
    await deps.queue.enqueue({ deliveryId: id, target: stored.delivery.target }, REPLAY_DELAY_SECONDS);
    const at = new Date().toISOString();
    const replayed: Delivery = { ...stored.delivery, status: 'pending', attemptsInRound: 0, updatedAt: at, nextAttemptAt: at };
    try {
      await deps.store.replace(replayed, stored.etag);
      return replayed;
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
}

import type { Delivery } from '../model/Delivery';
import { LOGGED_STATES, type DeliveryLog } from '../storage/DeliveryLog';
import { publishDeliveryDead } from './publishDeliveryDead';
import type { PublishDeps } from './publishEvent';

/** What watching the deliveries needs: their index by state and time, and the feed for `delivery.dead`. */
export interface DeliveryObserverDeps extends PublishDeps {
  readonly log: DeliveryLog;
}

/**
 * The pipeline's `onStateChange` (ARCHITECTURE.md §4): a delivery entering pending, succeeded,
 * dead, gone or refused gets its row in the delivery log (one write, at the time it changed), and
 * a dead one publishes `delivery.dead` (one more, only on that rare path).
 */
export function toDeliveryObserver(deps: DeliveryObserverDeps): (next: Delivery) => Promise<void> {
  return async (next) => {
    const state = LOGGED_STATES.find((s) => s === next.status);
    const at = Date.parse(next.updatedAt);
    if (state) await deps.log.record(state, next.id, next.target, Number.isFinite(at) ? at : Date.now());
    if (next.status === 'dead') await publishDeliveryDead(deps, next);
  };
}

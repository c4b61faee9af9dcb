import type { Delivery, DeliveryAttempt } from '../model/Delivery';

/** A delivery as the management routes show it: its state by the list's names, its attempts; never a URL. */
export interface DeliveryView {
  readonly id: string;
  readonly target: Delivery['target'];
  readonly state: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly nextAttemptAt?: string;
  readonly attemptCount: number;
  readonly attempts: readonly DeliveryAttempt[];
}

/** The view of a delivery: `succeeded` reads `delivered`, the other states as they are. */
export function toDeliveryView(delivery: Delivery): DeliveryView {
  return {
    id: delivery.id,
    target: delivery.target,
    state: delivery.status === 'succeeded' ? 'delivered' : delivery.status,
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
    ...(delivery.status === 'pending' && delivery.nextAttemptAt ? { nextAttemptAt: delivery.nextAttemptAt } : {}),
    attemptCount: delivery.attemptCount ?? delivery.attempts.length,
    attempts: delivery.attempts,
  };
}

import type { DeliveryDeps } from './runDelivery';

/**
 * Repair: a delivery still pending an hour after its attempt was due lost its queue message (a
 * crash between a claim or replay and the send). Its attempt is queued again.
 */
export async function requeueOverdueDeliveries(deps: Pick<DeliveryDeps, 'store' | 'queue'>, overdueMs = 3_600_000, now = Date.now()): Promise<number> {
  let requeued = 0;
  for await (const { delivery } of deps.store.listOverdue(new Date(now - overdueMs).toISOString())) {
    await deps.queue.enqueue({ deliveryId: delivery.id, target: delivery.target });
    requeued++;
  }
  return requeued;
}

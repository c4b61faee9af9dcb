import { newDelivery, type Delivery } from '../model/Delivery';
import type { DeliveryMessage } from '../storage/DeliveryQueue';
import { runDelivery, type DeliveryDeps } from './runDelivery';

/**
 * The attempt a `deliveries` message asks for, run from the delivery's record. Returns the delivery
 * after it, or undefined when the message sends nothing: the delivery has ended (a duplicate
 * message), or the message is for an attempt the record has passed (a handed-off first attempt
 * that recorded itself). A message for an attempt the record has not reached yet is run from the
 * record: the next attempt is queued before its record is written, so a short retry delay can bring
 * it first. Its writer's write and this attempt's are then both kept (recordOutcome).
 */
export async function runQueuedDelivery(deps: DeliveryDeps, message: Pick<DeliveryMessage, 'deliveryId' | 'target' | 'attempt'>): Promise<Delivery | undefined> {
  const stored = await deps.store.get(message.deliveryId);
  if (stored && stored.delivery.status !== 'pending') return undefined;
  if (stored && message.attempt !== undefined && stored.delivery.attemptsInRound > message.attempt) return undefined;
  return runDelivery(deps, stored?.delivery ?? newDelivery(message.deliveryId, message.target), stored?.etag);
}

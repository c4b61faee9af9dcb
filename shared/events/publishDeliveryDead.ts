import { countAttempts, type Delivery } from '../model/Delivery';
import type { Event } from '../model/Event';
import { publishEvent, type PublishDeps } from './publishEvent';
import { deliveryDead } from './topics/deliveryDead';

/**
 * Publishes `delivery.dead` for a delivery that was just dead-lettered: its id, target (no URL),
 * attempt count and last attempt's status and error class. Once per death: the Idempotency-Key
 * is the delivery id and its attempt count, so a retried worker publishes nothing new and a
 * delivery replayed and dead again publishes again. A dead delivery of a `delivery.dead` event
 * publishes nothing: a receiver that never answers must not feed a loop. Undefined when skipped.
 */
export async function publishDeliveryDead(deps: PublishDeps, delivery: Delivery): Promise<Event | undefined> {
  const { target } = delivery;
  if (target.kind === 'hook' && target.topic === deliveryDead.name) return undefined;
  const last = delivery.attempts[delivery.attempts.length - 1];
  const data = deliveryDead.schema.parse({
    deliveryId: delivery.id,
    target: { ...target },
    attemptCount: countAttempts(delivery),
    diedAt: delivery.updatedAt,
    ...(last
      ? { lastAttempt: { at: last.at, ...(last.status !== undefined ? { status: last.status } : {}), ...(last.errorClass ? { errorClass: last.errorClass } : {}) } }
      : {}),
  });
  const key = `dead:${delivery.id}:${countAttempts(delivery)}`;
  return (await publishEvent(deps, deliveryDead, data, { idempotencyKey: key, firstStands: true })).event;
}

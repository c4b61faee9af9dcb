import type { Delivery } from '../model/Delivery';
import type { TelemetryProperties } from './TelemetryProperties';

/**
 * A delivery's properties for spans and log records: its id, target (`callback` | `hook`) and what
 * the target names (the job; or the topic, the callback URL's key and the event). Never the URL.
 */
export function toDeliveryProperties(delivery: Pick<Delivery, 'id' | 'target'>): TelemetryProperties {
  const { target } = delivery;
  return target.kind === 'callback'
    ? { deliveryId: delivery.id, target: target.kind, jobId: target.jobId }
    : { deliveryId: delivery.id, target: target.kind, topic: target.topic, hookId: target.hookId, eventId: target.eventId };
}

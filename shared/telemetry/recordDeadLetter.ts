import type { Delivery } from '../model/Delivery';
import { logEvent } from './logEvent';
import type { LogSink } from './logSink';
import { longrunMetrics } from './longrunMetrics';
import { toDeliveryProperties } from './toDeliveryProperties';

/**
 * A delivery dead-lettered because its queue message was poisoned (its worker kept failing):
 * `longrun.delivery.dead` with reason `poisoned` and a `delivery.dead` warning, as for one whose
 * schedule ran out (recordDeliveryAttempt).
 */
export function recordDeadLetter(delivery: Delivery, sink?: LogSink): void {
  longrunMetrics.deadLetter(delivery.target.kind, 'poisoned');
  logEvent('warn', 'delivery.dead', { ...toDeliveryProperties(delivery), reason: 'poisoned', attempts: delivery.attemptsInRound }, sink);
}

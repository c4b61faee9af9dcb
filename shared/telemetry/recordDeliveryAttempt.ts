import type { Span } from '@opentelemetry/api';
import type { Delivery } from '../model/Delivery';
import type { DeliveryResult } from '../model/DeliveryResult';
import { logEvent } from './logEvent';
import { longrunMetrics } from './longrunMetrics';
import { toDeliveryProperties } from './toDeliveryProperties';
import { annotateSpan } from './withSpan';

/**
 * What one delivery attempt came to (`next`, after it): `longrun.delivery.attempts` by target and
 * outcome (the delivery's new status, `retry` while pending), the outcome on the attempt's span,
 * and for a delivery the schedule has exhausted the dead-letter count and a `delivery.dead` warning.
 */
export function recordDeliveryAttempt(next: Delivery, result: DeliveryResult | undefined, span: Span): void {
  const outcome = next.status === 'pending' ? 'retry' : next.status;
  longrunMetrics.deliveryAttempt(next.target.kind, outcome);
  const status = result && 'status' in result ? result.status : undefined;
  annotateSpan({ outcome, result: result?.kind, attempt: next.attemptsInRound, 'http.response.status_code': status }, span);
  if (next.status !== 'dead') return;
  longrunMetrics.deadLetter(next.target.kind, 'exhausted');
  logEvent('warn', 'delivery.dead', { ...toDeliveryProperties(next), reason: 'exhausted', attempts: next.attemptsInRound, lastResult: result?.kind, lastStatus: status });
}

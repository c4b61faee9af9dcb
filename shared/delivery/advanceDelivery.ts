import { countAttempts, toBoundedAttempts, type Delivery, type DeliveryStatus } from '../model/Delivery';
import type { DeliveryResult } from '../model/DeliveryResult';
import { classifyResult, nextAttemptDelaySeconds } from './retrySchedule';
import { toDeliveryAttempt } from './toDeliveryAttempt';

/** The delivery after one attempt, and the delay before the next one when it stays pending. */
export interface AdvancedDelivery {
  readonly delivery: Delivery;
  readonly delaySeconds?: number;
}

/**
 * Pure: records an attempt and decides what follows (ARCHITECTURE.md §6). 2xx succeeds; 404/410 end it as
 * gone; a refused URL ends it at once; anything else waits for the schedule's next slot (jitter,
 * Retry-After honoured within bounds) or, when none is left, dead-letters it.
 */
export function advanceDelivery(
  delivery: Delivery,
  result: DeliveryResult,
  options: { schedule: readonly number[]; now?: Date; random?: () => number },
): AdvancedDelivery {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const attempts = toBoundedAttempts([...delivery.attempts, toDeliveryAttempt(result, at)]);
  const attemptsInRound = delivery.attemptsInRound + 1;
  const base = { ...delivery, attempts, attemptCount: countAttempts(delivery) + 1, attemptsInRound, updatedAt: at };
  const outcome = classifyResult(result);
  const ended = (status: DeliveryStatus): AdvancedDelivery => {
    const { nextAttemptAt: _n, ...rest } = base;
    return { delivery: { ...rest, status } };
  };
  if (outcome !== 'retry') return ended(outcome);
  const retryAfterSeconds = result.kind === 'failureStatus' ? result.retryAfterSeconds : undefined;
  const delay = nextAttemptDelaySeconds({
    attempt: attemptsInRound,
    schedule: options.schedule,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  if (delay === 'exhausted') return ended('dead');
  return {
    delivery: { ...base, status: 'pending', nextAttemptAt: new Date(now.getTime() + delay * 1000).toISOString() },
    delaySeconds: delay,
  };
}

import type { DeliveryResult } from '../model/DeliveryResult';

/** Each scheduled delay is stretched or shrunk by up to this fraction, so retries do not stampede. */
export const JITTER_FRACTION = 0.2;

/** What decides the next attempt's delay. */
export interface NextAttemptInput {
  /** 1-based number of the attempt that just failed. */
  readonly attempt: number;
  /** Seconds before each attempt, the first included. Config LONGRUN_DELIVERY_SCHEDULE_SECONDS. */
  readonly schedule: readonly number[];
  /** The receiver's Retry-After, in seconds, when it sent one. */
  readonly retryAfterSeconds?: number;
  /** A uniform number in [0, 1). Default Math.random; tests pass a fixed one. */
  readonly random?: () => number;
}

/**
 * Whole seconds to wait before the next attempt (the delivery message's visibility delay), or
 * 'exhausted' when the schedule has no attempt left. The scheduled delay gets ±20 % jitter.
 * Retry-After may only lengthen the wait, and no further than the schedule's largest entry: a
 * receiver cannot make us retry sooner than planned (`Retry-After: 0` from an overloaded endpoint
 * would be a hammer) nor park a delivery beyond the schedule's own bounds.
 */
export function nextAttemptDelaySeconds(input: NextAttemptInput): number | 'exhausted' {
  const { attempt, schedule, retryAfterSeconds, random = Math.random } = input;
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a whole number from 1, got ${attempt}`);
  const base = schedule[attempt];
  if (base === undefined) return 'exhausted';
  const factor = 1 + JITTER_FRACTION * (2 * random() - 1);
  const delay = Math.max(0, Math.round(base * factor));
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds)) return delay;
  const largest = Math.max(...schedule);
  return Math.max(delay, Math.min(Math.ceil(retryAfterSeconds), largest));
}

/**
 * What an attempt's result means for the delivery:
 * - `succeeded`: 2xx.
 * - `gone`: 404 or 410, the run or subscriber no longer exists; stop (a hook answering 410 is removed).
 * - `refused`: the URL is invalid or refused by policy; the same URL can never pass, so no retry.
 * - `retry`: any other status (3xx included), a timeout or a connection failure.
 */
export type DeliveryOutcome = 'succeeded' | 'gone' | 'refused' | 'retry';

/** Classifies one attempt's DeliveryResult (ARCHITECTURE.md §6). */
export function classifyResult(result: DeliveryResult): DeliveryOutcome {
  switch (result.kind) {
    case 'delivered':
      return 'succeeded';
    case 'failureStatus':
      return result.status === 404 || result.status === 410 ? 'gone' : 'retry';
    case 'blocked':
    case 'invalidUrl':
      return 'refused';
    case 'timedOut':
    case 'connectFailed':
      return 'retry';
  }
}

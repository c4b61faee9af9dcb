import type { DeliveryResultKind } from './DeliveryResult';

/**
 * Whom a delivery is for: a webhook action's callback, or an event for a webhook trigger's callback
 * URL. `hookId` is that URL's key in the topic (toUrlKey), which every subscription of the URL
 * shares; a row of the one-row-per-URL model had it as its id, so older messages resolve the same.
 */
export type DeliveryTarget =
  | { readonly kind: 'callback'; readonly jobId: string }
  | { readonly kind: 'hook'; readonly topic: string; readonly hookId: string; readonly eventId: string };

/**
 * Where a delivery is: `pending` (an attempt is due or queued) ends as `succeeded`, `gone`
 * (404/410: the run or subscriber no longer exists), `refused` (the URL can never pass the policy),
 * `dead` (the schedule is exhausted: dead-lettered, replayable) or `cancelled` (unsubscribed).
 */
export type DeliveryStatus = 'pending' | 'succeeded' | 'gone' | 'refused' | 'dead' | 'cancelled';

/**
 * Why an attempt failed, in a few words an operator can count: no answer in time, no connection,
 * a TLS failure, a URL the policy refuses (or that does not parse), the receiver's 3xx/4xx/5xx, or
 * the worker itself kept failing.
 */
export type DeliveryErrorClass =
  | 'timeout'
  | 'connect'
  | 'tls'
  | 'refused-by-policy'
  | 'invalid-url'
  | 'http-3xx'
  | 'http-4xx'
  | 'http-5xx'
  | 'worker-failed';

/** One attempt, as recorded: never the URL or its query. */
export interface DeliveryAttempt {
  readonly at: string;
  /** The attempt's DeliveryResult kind, or `workerFailed` when the worker itself kept failing. */
  readonly result: DeliveryResultKind | 'workerFailed';
  readonly status?: number;
  readonly durationMs?: number;
  readonly error?: string;
  /** Absent when the attempt succeeded. */
  readonly errorClass?: DeliveryErrorClass;
  /** The first 1 KiB of the receiver's answer body, as text (see toResponseText). */
  readonly response?: string;
}

/** At most this many attempts are kept on the record (the schedule has 8; replays add more); `attemptCount` counts all. */
export const MAX_RECORDED_ATTEMPTS = 20;

/**
 * The attempts JSON stays under this many characters: a table string property holds at most
 * 32,768 UTF-16 characters (understanding-the-table-service-data-model), and 20 escaped 1 KiB
 * answers could pass that.
 */
export const MAX_ATTEMPTS_JSON_CHARS = 30_000;

/**
 * The attempts a record keeps: the last MAX_RECORDED_ATTEMPTS, and when their JSON would pass
 * MAX_ATTEMPTS_JSON_CHARS, the oldest answers' text is dropped first (status, class and time stay).
 */
export function toBoundedAttempts(attempts: readonly DeliveryAttempt[]): DeliveryAttempt[] {
  const kept = attempts.slice(-MAX_RECORDED_ATTEMPTS);
  let size = JSON.stringify(kept).length;
  for (let i = 0; i < kept.length && size > MAX_ATTEMPTS_JSON_CHARS; i++) {
    const attempt = kept[i] as DeliveryAttempt;
    if (attempt.response === undefined) continue;
    const { response: _r, ...rest } = attempt;
    size -= JSON.stringify(attempt).length - JSON.stringify(rest).length;
    kept[i] = rest;
  }
  return kept;
}

/** A delivery: its target, state and attempts. The id is the stable `webhook-id` of every retry. */
export interface Delivery {
  readonly id: string;
  readonly target: DeliveryTarget;
  readonly status: DeliveryStatus;
  readonly attempts: readonly DeliveryAttempt[];
  /** Every attempt made (`attempts` keeps the last MAX_RECORDED_ATTEMPTS). Absent on older rows: attempts.length. */
  readonly attemptCount?: number;
  /** Attempts since creation or the last replay: the position in the retry schedule. */
  readonly attemptsInRound: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the next attempt is due (pending only). */
  readonly nextAttemptAt?: string;
}

/** A fresh delivery, before its first attempt. */
export function newDelivery(id: string, target: DeliveryTarget, now = new Date()): Delivery {
  const at = now.toISOString();
  return { id, target, status: 'pending', attempts: [], attemptsInRound: 0, createdAt: at, updatedAt: at };
}

/** How many attempts a delivery has made in all. */
export function countAttempts(delivery: Delivery): number {
  return delivery.attemptCount ?? delivery.attempts.length;
}

/** The delivery id of a job's callback: one per job, so a retried worker never starts a second. */
export function toCallbackDeliveryId(jobId: string): string {
  return `cb_${jobId}`;
}

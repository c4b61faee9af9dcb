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

/** One attempt, as recorded: never the URL or its query. */
export interface DeliveryAttempt {
  readonly at: string;
  /** The attempt's DeliveryResult kind, or `workerFailed` when the worker itself kept failing. */
  readonly result: DeliveryResultKind | 'workerFailed';
  readonly status?: number;
  readonly durationMs?: number;
  readonly error?: string;
}

/** A delivery: its target, state and attempts. The id is the stable `webhook-id` of every retry. */
export interface Delivery {
  readonly id: string;
  readonly target: DeliveryTarget;
  readonly status: DeliveryStatus;
  readonly attempts: readonly DeliveryAttempt[];
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

/** The delivery id of a job's callback: one per job, so a retried worker never starts a second. */
export function toCallbackDeliveryId(jobId: string): string {
  return `cb_${jobId}`;
}

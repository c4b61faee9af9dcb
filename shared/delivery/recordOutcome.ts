import { countAttempts, type Delivery } from '../model/Delivery';
import type { DeliveryResult } from '../model/DeliveryResult';
import { isConflict, isStorageUnavailable } from '../storage/storageErrors';
import { advanceDelivery, type AdvancedDelivery } from './advanceDelivery';
import type { DeliveryDeps } from './runDelivery';

/** What an attempt came to: the receiver's answer, or an end without a POST (its job or hook is gone, or unsubscribed). */
export type Outcome = { readonly kind: 'result'; readonly result: DeliveryResult } | { readonly kind: 'end'; readonly status: 'gone' | 'cancelled' };

/**
 * Whether an attempt moved a delivery into a state worth telling: any end, and `pending` only
 * when the very first attempt failed (a replay tells its own move to pending).
 */
export function isStateChange(before: Delivery, after: Delivery): boolean {
  return after.status === 'pending' ? before.status === 'pending' && countAttempts(before) === 0 && countAttempts(after) > 0 : after.status !== before.status;
}

function applyOutcome(delivery: Delivery, outcome: Outcome, schedule: readonly number[]): AdvancedDelivery {
  if (outcome.kind === 'result') return advanceDelivery(delivery, outcome.result, { schedule });
  const { nextAttemptAt: _n, ...rest } = delivery;
  return { delivery: { ...rest, status: outcome.status, updatedAt: new Date().toISOString() } };
}

/** A row that keeps changing under every write this many times is left to the message's retry. */
const MAX_RECORD_TRIES = 8;
/** Tries of a record write while storage does not answer; then the message's retry takes over. */
const MAX_UNANSWERED_TRIES = 3;

/**
 * Records an attempt's outcome on the delivery's row, ETag-conditional, and queues the next attempt
 * when it stays pending (before the write: see runDelivery). A write lost to another writer (two
 * runners of one attempt: a message that came before its record, a claim queued again, a replay) is
 * applied again to the row as it now is, unless that row has ended: the POST was made, so the row
 * keeps it, and a pending row always keeps a message for its next attempt. Dropping the lost write
 * left rows pending with no message while the attempt had in fact been delivered (seen under load).
 * A write that storage did not answer (a table try cut short by its timeout is not retried by the
 * SDK) is tried again the same way, a few times: the POST has been answered, and a record that
 * stays unwritten makes the delivery's retry send it again. A write of ours that landed though its
 * answer was lost is known by its `updatedAt` and not applied twice.
 */
export async function recordOutcome(deps: DeliveryDeps, delivery: Delivery, etag: string | undefined, outcome: Outcome): Promise<Delivery> {
  let current = delivery;
  let currentEtag = etag;
  let unanswered = 0;
  for (let tries = 1; ; tries++) {
    const { delivery: next, delaySeconds } = applyOutcome(current, outcome, deps.schedule);
    try {
      if (delaySeconds !== undefined) await deps.queue.enqueue({ deliveryId: next.id, target: next.target, attempt: next.attemptsInRound }, delaySeconds);
      if (isStateChange(current, next)) await deps.onStateChange?.(next, current.status);
      if (currentEtag === undefined) await deps.store.insert(next);
      else await deps.store.replace(next, currentEtag);
      return next;
    } catch (error) {
      const retried = isConflict(error) || (isStorageUnavailable(error) && ++unanswered < MAX_UNANSWERED_TRIES);
      if (!retried || tries >= MAX_RECORD_TRIES) throw error;
    }
    const fresh = await deps.store.get(delivery.id);
    if (!fresh) {
      if (currentEtag === undefined) continue; // an insert that did not land: try it again
      return next; // the row is gone (retention)
    }
    if (fresh.delivery.status !== 'pending' || fresh.delivery.updatedAt === next.updatedAt) return fresh.delivery;
    current = fresh.delivery;
    currentEtag = fresh.etag;
  }
}

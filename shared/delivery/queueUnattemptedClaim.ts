import { countAttempts, type Delivery } from '../model/Delivery';
import type { DeliveryDeps } from './runDelivery';

type ClaimDeps = Pick<DeliveryDeps, 'store' | 'queue' | 'inline'>;

/**
 * A claim found taken (409) by a fan-out or a job's end: another invocation holds it, or an earlier
 * try of this very message claimed it and failed before its first attempt was recorded or queued.
 * That includes a claim whose insert landed though its answer was lost: a table try cut short by
 * its timeout is not retried and fails the call. A claim still without any attempt gets its first
 * attempt queued (queueIfUnattempted). Without this the retry sent nothing and the delivery stayed
 * pending with no message (seen under load: 37 of 4,000 hook deliveries).
 */
export async function queueUnattemptedClaim(deps: ClaimDeps, id: string, now = Date.now()): Promise<void> {
  const claim = (await deps.store.get(id))?.delivery;
  if (claim) await queueIfUnattempted(deps, claim, now);
}

/**
 * Queues attempt 0 of a pending delivery that has no attempt yet, visible once its claimant's own
 * inline attempt is surely over; the worker sends it only if the row still has no attempt. A
 * delivery with an attempt, or ended, has its own message or needs none: nothing is queued.
 */
export async function queueIfUnattempted(deps: Pick<ClaimDeps, 'queue' | 'inline'>, claim: Delivery, now = Date.now()): Promise<void> {
  if (claim.status !== 'pending' || countAttempts(claim) > 0) return;
  const fallbackMs = deps.inline.fallbackDelaySeconds * 1000;
  const untilOver = Date.parse(claim.createdAt) + fallbackMs - now;
  const delaySeconds = Math.ceil(Math.min(fallbackMs, Math.max(0, untilOver)) / 1000);
  await deps.queue.enqueue({ deliveryId: claim.id, target: claim.target, attempt: 0 }, delaySeconds);
}

import type { Delivery, DeliveryStatus } from '../model/Delivery';
import type { DeliveryResult } from '../model/DeliveryResult';
import type { OutboundClient } from './outboundClient';
import type { DeliveryStore } from '../storage/DeliveryStore';
import type { DeliveryQueue } from '../storage/DeliveryQueue';
import { isConflict } from '../storage/storageErrors';
import { recordDeliveryAttempt } from '../telemetry/recordDeliveryAttempt';
import { toDeliveryProperties } from '../telemetry/toDeliveryProperties';
import { SpanKind, withSpan } from '../telemetry/withSpan';
import type { InlineBudget } from './InlineBudget';
import { toOrigin } from './SlowOrigins';
import { queueUnattemptedClaim } from './queueUnattemptedClaim';
import { recordOutcome } from './recordOutcome';

/** What to send: the URL (a secret: never logged), the body and the headers. */
export interface DeliveryRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Record<string, string>;
}

/**
 * A target resolves to a request, or ends the delivery (its job or hook is gone, or unsubscribed).
 * `afterAttempt` lets the target react to the result (a hook counts failures, goes on 410).
 */
export type ResolvedTarget =
  | { readonly kind: 'send'; readonly request: DeliveryRequest; afterAttempt?(result: DeliveryResult): Promise<void> }
  | { readonly kind: 'end'; readonly status: 'gone' | 'cancelled' };

/**
 * Everything a delivery attempt needs; built once by the app (shared/app), whose `resolve` goes
 * through its DeliveryTargets. An inline first attempt passes its own `resolve` over the same resolver.
 */
export interface DeliveryDeps {
  readonly store: DeliveryStore;
  readonly queue: DeliveryQueue;
  readonly client: OutboundClient;
  readonly schedule: readonly number[];
  /** How long a first attempt may hold the worker that claimed it, and its background attempts. */
  readonly inline: InlineBudget;
  resolve(delivery: Delivery): Promise<ResolvedTarget>;
  /**
   * Called with a delivery that enters a state (`previous` is the state it leaves), before its
   * record is written: the app indexes it by state and time and publishes `delivery.dead`. A
   * failure here leaves the record unwritten, so the attempt's retry does both again.
   */
  onStateChange?(next: Delivery, previous: DeliveryStatus): Promise<void>;
}

/**
 * One attempt of a delivery: resolve -> send -> record (recordOutcome). The next attempt is
 * enqueued before the record is written: a crash in between repeats an attempt (receivers drop
 * duplicates by webhook-id) but never loses the delivery. `etag` undefined means the delivery is
 * new and is inserted.
 */
export function runDelivery(deps: DeliveryDeps, delivery: Delivery, etag: string | undefined): Promise<Delivery> {
  // One span per attempt (a client call: the callback or hook POST), in the trace that caused it.
  return withSpan(`deliver ${delivery.target.kind}`, { kind: SpanKind.CLIENT, attributes: toDeliveryProperties(delivery) }, async (span) => {
    const { next, lastResult } = await attempt(deps, delivery, etag);
    recordDeliveryAttempt(next, lastResult, span);
    return next;
  });
}

async function attempt(deps: DeliveryDeps, delivery: Delivery, etag: string | undefined): Promise<{ next: Delivery; lastResult?: DeliveryResult }> {
  const resolved = await deps.resolve(delivery);
  if (resolved.kind === 'end') return { next: await recordOutcome(deps, delivery, etag, resolved) };
  const { url, body, headers } = resolved.request;
  const lastResult = await deps.client.post(url, body, headers);
  const next = await recordOutcome(deps, delivery, etag, { kind: 'result', result: lastResult });
  // After the record: if the target's own bookkeeping fails, the attempt is not sent again.
  await resolved.afterAttempt?.(lastResult);
  return { next, lastResult };
}

/**
 * Claims a new delivery before its first attempt (a pending row; a 409 means another invocation
 * holds it: nothing is sent now, see queueUnattemptedClaim) and then makes the attempt within the
 * inline budget. Where two fan-outs of one event or two runners of one job can race (a repeated
 * publish, a retried message), this makes one receiver get one POST per event or job.
 */
export async function claimAndRunDelivery(deps: DeliveryDeps, delivery: Delivery): Promise<Delivery | undefined> {
  const claimed: Delivery = { ...delivery, nextAttemptAt: delivery.createdAt };
  let etag: string;
  try {
    etag = (await deps.store.insert(claimed)).etag;
  } catch (error) {
    if (!isConflict(error)) throw error;
    await queueUnattemptedClaim(deps, delivery.id);
    return undefined;
  }
  return runWithinBudget(deps, claimed, etag);
}

/**
 * The first attempt of a claimed delivery: the receiver's answer is waited for at most
 * `deps.inline.budgetMs` from the moment the POST starts, and not at all when the receiver's origin
 * is marked slow (`deps.inline.slowOrigins`). A receiver that has not answered by then keeps its
 * one POST, which goes on in the background (bounded by the outbound client's time budget) and
 * records itself; its origin is marked slow, and an answer within the budget clears the mark. The
 * worker goes on to its next message. Storage calls before and after the POST are waited for
 * inline: a slow storage account slows the worker (backpressure) instead of sending work to the
 * background. A fallback message for attempt 0 is queued, visible once that attempt is surely
 * over: it sends only if the attempt was never recorded (the process died meanwhile). Past the
 * background limit, the attempt is queued at once instead. Returns the delivery after the attempt,
 * or as claimed (pending, no attempt yet) when it was handed off.
 */
async function runWithinBudget(deps: DeliveryDeps, claimed: Delivery, etag: string): Promise<Delivery> {
  const fallback = (delaySeconds: number) => deps.queue.enqueue({ deliveryId: claimed.id, target: claimed.target, attempt: 0 }, delaySeconds);
  if (!deps.inline.hasRoom()) {
    await fallback(0);
    return claimed;
  }
  const { budgetMs, slowOrigins } = deps.inline;
  let timer: NodeJS.Timeout | undefined;
  let answered = false;
  let startBudget = (_origin: string | undefined): void => undefined;
  const receiverTooSlow = new Promise<undefined>((resolve) => {
    startBudget = (origin) => {
      if (origin !== undefined && slowOrigins.has(origin)) return resolve(undefined);
      timer = setTimeout(() => {
        if (answered) return;
        if (origin !== undefined) slowOrigins.remember(origin);
        resolve(undefined);
      }, budgetMs);
    };
  });
  const client: OutboundClient = {
    post: async (url, body, headers) => {
      const origin = toOrigin(url);
      const startedAt = Date.now();
      startBudget(origin);
      try {
        return await deps.client.post(url, body, headers);
      } finally {
        answered = true;
        clearTimeout(timer);
        if (origin !== undefined && Date.now() - startedAt <= budgetMs) slowOrigins.forget(origin);
      }
    },
    get: (url, options) => deps.client.get(url, options),
    close: () => deps.client.close(),
  };
  const attempt = runDelivery({ ...deps, client }, claimed, etag);
  try {
    const done = await Promise.race([attempt, receiverTooSlow]);
    if (done) return done;
  } finally {
    clearTimeout(timer);
  }
  deps.inline.track(attempt);
  await fallback(deps.inline.fallbackDelaySeconds);
  return claimed;
}

import { newDelivery, toCallbackDeliveryId, type Delivery } from '../model/Delivery';
import { claimAndRunDelivery, type DeliveryDeps } from '../delivery/runDelivery';
import type { Job } from '../model/Job';
import { resolveCallbackDelivery, type CallbackTargetStores } from './resolveCallbackDelivery';

/** What sending a job's callback needs: the job pipeline's stores and the delivery pipeline. */
export interface CallbackDeps {
  readonly jobStores: CallbackTargetStores;
  readonly deliveries: DeliveryDeps;
}

/**
 * The first callback attempt, as soon as the job is terminal (ARCHITECTURE.md §2). The delivery is
 * claimed (its row inserted) before anything is sent, so two runners that both see the job end (a
 * retried message, the poison handler) send one POST: the second finds the row and sends nothing,
 * unless the claim still has no attempt (its claimant died or failed before it), whose attempt is
 * then queued (queueUnattemptedClaim). The attempt holds the worker for the inline budget at most;
 * a failure or a slow receiver leaves the delivery on the `deliveries` queue.
 */
export async function sendJobCallback(deps: CallbackDeps, job: Job): Promise<Delivery | undefined> {
  if (!job.callback || job.unsubscribed) return undefined;
  const target = { kind: 'callback', jobId: job.id } as const;
  // The job is in hand: it resolves as a retry would, without re-reading its row.
  const inline = { ...deps.deliveries, resolve: (delivery: Delivery) => resolveCallbackDelivery(deps.jobStores, target, delivery.id, job) };
  return claimAndRunDelivery(inline, newDelivery(toCallbackDeliveryId(job.id), target));
}

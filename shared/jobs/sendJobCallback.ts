import { newDelivery, toCallbackDeliveryId, type Delivery } from '../model/Delivery';
import { runDelivery, type DeliveryDeps } from '../delivery/runDelivery';
import type { Job } from '../model/Job';
import { resolveCallbackDelivery, type CallbackTargetStores } from './resolveCallbackDelivery';

/** What sending a job's callback needs: the job pipeline's stores and the delivery pipeline. */
export interface CallbackDeps {
  readonly jobStores: CallbackTargetStores;
  readonly deliveries: DeliveryDeps;
}

/**
 * The first callback attempt, inline, as soon as the job is terminal (ARCHITECTURE.md §2); a failure leaves
 * the delivery on the `deliveries` queue for the schedule. `redelivered` (the worker saw the job
 * already terminal) first checks whether a delivery exists, so a retried message does not send twice.
 */
export async function sendJobCallback(deps: CallbackDeps, job: Job, options: { redelivered: boolean }): Promise<Delivery | undefined> {
  if (!job.callback || job.unsubscribed) return undefined;
  const id = toCallbackDeliveryId(job.id);
  if (options.redelivered && (await deps.deliveries.store.get(id))) return undefined;
  const target = { kind: 'callback', jobId: job.id } as const;
  // The job is in hand: it resolves as a retry would, without re-reading its row.
  const inline = { ...deps.deliveries, resolve: (delivery: Delivery) => resolveCallbackDelivery(deps.jobStores, target, delivery.id, job) };
  return runDelivery(inline, newDelivery(id, target), undefined);
}

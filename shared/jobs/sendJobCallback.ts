import { newDelivery, toCallbackDeliveryId, type Delivery } from '../model/Delivery';
import { getDeliveryDeps } from '../delivery/getDeliveryDeps';
import { runDelivery } from '../delivery/runDelivery';
import { getJobStores } from '../storage/getStores';
import type { Job } from '../model/Job';
import { toCallbackRequest } from './toCallbackRequest';

/**
 * The first callback attempt, inline, as soon as the job is terminal (DESIGN §2); a failure leaves
 * the delivery on the `deliveries` queue for the schedule. `redelivered` (the worker saw the job
 * already terminal) first checks whether a delivery exists, so a retried message does not send twice.
 */
export async function sendJobCallback(job: Job, options: { redelivered: boolean }): Promise<Delivery | undefined> {
  if (!job.callback || job.unsubscribed) return undefined;
  const deps = await getDeliveryDeps();
  const id = toCallbackDeliveryId(job.id);
  if (options.redelivered && (await deps.store.get(id))) return undefined;
  const { payloads } = await getJobStores();
  // The job is in hand: resolve it without re-reading its row.
  const inline = { ...deps, resolve: (delivery: Delivery) => toCallbackRequest(job, payloads, delivery.id) };
  return runDelivery(inline, newDelivery(id, { kind: 'callback', jobId: job.id }), undefined);
}

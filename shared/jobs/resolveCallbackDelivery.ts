import type { Job } from '../model/Job';
import type { DeliveryTargets, TargetOfKind } from '../delivery/DeliveryTargets';
import type { ResolvedTarget } from '../delivery/runDelivery';
import type { JobStores } from '../storage/JobStores';
import { toCallbackRequest } from './toCallbackRequest';

/** What resolving a callback delivery needs: the job's row and its result's blob. */
export type CallbackTargetStores = Pick<JobStores, 'jobs' | 'payloads'>;

/**
 * A callback delivery's request: the job's envelope for its callback URL (toCallbackRequest). A
 * retry reads the job's row again (one unsubscribed or purged since counts as it is now); the
 * inline first attempt passes the job it holds (`inHand`) and reads no row.
 */
export async function resolveCallbackDelivery(
  stores: CallbackTargetStores,
  target: Omit<TargetOfKind<'callback'>, 'kind'>,
  deliveryId: string,
  inHand?: Job,
): Promise<ResolvedTarget> {
  const job = inHand ?? (await stores.jobs.get(target.jobId))?.job;
  return toCallbackRequest(job, stores.payloads, deliveryId);
}

/** Registers the `callback` target kind: queued callback deliveries resolve through resolveCallbackDelivery. */
export function registerCallbackTarget(targets: DeliveryTargets, stores: CallbackTargetStores): void {
  targets.register('callback', (target, deliveryId) => resolveCallbackDelivery(stores, target, deliveryId));
}

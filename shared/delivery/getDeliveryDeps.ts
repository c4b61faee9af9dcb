import { getConfig } from '../config';
import { getStorage } from '../storage/getStorage';
import { getJobStores } from '../storage/getStores';
import { DeliveryStore } from '../storage/DeliveryStore';
import { DeliveryQueue } from '../storage/DeliveryQueue';
import { QUEUES, TABLES } from '../storage/names';
import { toCallbackRequest } from '../jobs/toCallbackRequest';
import { getOutboundClient } from './getOutboundClient';
import { resolveHookDelivery } from '../events/resolveHookDelivery';
import type { Delivery } from '../model/Delivery';
import type { DeliveryDeps, ResolvedTarget } from './runDelivery';

/** Resolves a queued delivery's target: a job's callback, or an event for a hook. */
async function resolve(delivery: Delivery): Promise<ResolvedTarget> {
  const target = delivery.target;
  switch (target.kind) {
    case 'callback': {
      const stores = await getJobStores();
      return toCallbackRequest((await stores.jobs.get(target.jobId))?.job, stores.payloads, delivery.id);
    }
    case 'hook':
      return resolveHookDelivery(target);
  }
}

let deps: DeliveryDeps | undefined;

/** The app's delivery pipeline: the deliveries table and queue, the one outbound client, the schedule. */
export async function getDeliveryDeps(): Promise<DeliveryDeps> {
  const clients = await getStorage();
  deps ??= {
    store: new DeliveryStore(clients.table(TABLES.deliveries)),
    queue: new DeliveryQueue(clients.queue(QUEUES.deliveries)),
    client: getOutboundClient(),
    schedule: getConfig().LONGRUN_DELIVERY_SCHEDULE_SECONDS,
    resolve,
  };
  return deps;
}

import { getStorage } from './getStorage';
import { JobStore } from './JobStore';
import { PayloadStore } from './PayloadStore';
import { JobQueue } from './JobQueue';
import { IdempotencyStore } from './IdempotencyStore';
import { QUEUES, TABLES } from './names';
import type { StorageClients } from './StorageClients';

/** The stores the job pipeline uses, over one storage account. */
export interface JobStores {
  readonly jobs: JobStore;
  readonly payloads: PayloadStore;
  readonly queue: JobQueue;
  readonly idempotency: IdempotencyStore;
}

const built = new WeakMap<StorageClients, JobStores>();

/** The app's job stores, once storage exists. */
export async function getJobStores(): Promise<JobStores> {
  const clients = await getStorage();
  let stores = built.get(clients);
  if (!stores) {
    stores = {
      jobs: new JobStore(clients.table(TABLES.jobs)),
      payloads: new PayloadStore(clients.payloads()),
      queue: new JobQueue(clients.queue(QUEUES.jobs)),
      idempotency: new IdempotencyStore(clients.table(TABLES.idempotency)),
    };
    built.set(clients, stores);
  }
  return stores;
}

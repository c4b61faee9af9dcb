import { getStorage } from './getStorage';
import { JobStore } from './JobStore';
import { PayloadStore } from './PayloadStore';
import { JobQueue } from './JobQueue';
import { IdempotencyStore } from './IdempotencyStore';
import { SubscriberIndex } from './SubscriberIndex';
import { QUEUES, TABLES } from './names';
import type { StorageClients } from './StorageClients';
import type { SecretSealer } from './SecretSealer';
import { getSealer } from './getSealer';

/** The stores the job pipeline uses, over one storage account. */
export interface JobStores {
  readonly jobs: JobStore;
  readonly payloads: PayloadStore;
  readonly queue: JobQueue;
  readonly idempotency: IdempotencyStore;
  readonly subscribers: SubscriberIndex;
  readonly sealer: SecretSealer;
}

const built = new WeakMap<StorageClients, Promise<JobStores>>();

async function build(clients: StorageClients): Promise<JobStores> {
  const sealer = await getSealer();
  return {
    jobs: new JobStore(clients.table(TABLES.jobs), sealer),
    payloads: new PayloadStore(clients.payloads()),
    queue: new JobQueue(clients.queue(QUEUES.jobs)),
    idempotency: new IdempotencyStore(clients.table(TABLES.idempotency)),
    subscribers: new SubscriberIndex(clients.table(TABLES.idempotency)),
    sealer,
  };
}

/** The app's job stores, once storage exists and the sealing key is loaded (once per process). */
export async function getJobStores(): Promise<JobStores> {
  const clients = await getStorage();
  let stores = built.get(clients);
  if (!stores) {
    stores = build(clients);
    built.set(clients, stores);
    stores.catch(() => built.delete(clients));
  }
  return stores;
}

import type { JobStore } from './JobStore';
import type { PayloadStore } from './PayloadStore';
import type { JobQueue } from './JobQueue';
import type { IdempotencyStore } from './IdempotencyStore';
import type { SubscriberIndex } from './SubscriberIndex';
import type { SecretSealer } from './SecretSealer';

/** The stores the job pipeline uses, over one storage account (the app builds them once: shared/app). */
export interface JobStores {
  readonly jobs: JobStore;
  readonly payloads: PayloadStore;
  readonly queue: JobQueue;
  readonly idempotency: IdempotencyStore;
  readonly subscribers: SubscriberIndex;
  readonly sealer: SecretSealer;
}

/**
 * Every table, queue and blob container the app uses. Bicep and the tests read these constants,
 * so infrastructure and code cannot drift apart.
 */
export const TABLES = {
  jobs: 'jobs',
  idempotency: 'idempotency',
  events: 'events',
  hooks: 'hooks',
  deliveries: 'deliveries',
  /** The deliveries' index by state and time (DeliveryLog). */
  deliverylog: 'deliverylog',
} as const;

export const QUEUES = {
  jobs: 'jobs',
  deliveries: 'deliveries',
  fanout: 'fanout',
} as const;

export const CONTAINERS = {
  payloads: 'payloads',
} as const;

export type TableName = (typeof TABLES)[keyof typeof TABLES];
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The queue the Functions host moves a message to after `maxDequeueCount` failed attempts. */
export function toPoisonQueueName(queue: string): string {
  return `${queue}-poison`;
}

/** Every queue including the host's poison queues: what must exist before the app runs. */
export const ALL_QUEUES: readonly string[] = Object.values(QUEUES).flatMap((q) => [q, toPoisonQueueName(q)]);

import { toEventIdPrefix } from '../events/eventId';
import { hookDisabled } from '../events/topics/hookDisabled';
import { DeliveryLog } from '../storage/DeliveryLog';
import { EventStore } from '../storage/EventStore';
import { JobQueue } from '../storage/JobQueue';
import type { StorageClients } from '../storage/StorageClients';
import { QUEUES, TABLES } from '../storage/names';

/** Counts stop here: past it, health says "at least this many". */
export const HEALTH_COUNT_LIMIT = 1000;

const HOUR_MS = 3_600_000;

/** What /health reports beyond storage: what failed in the last hour, and how long work waits. */
export interface OperationalHealth {
  /** Deliveries dead-lettered in the last hour (at most HEALTH_COUNT_LIMIT). */
  readonly deadLettersLastHour: number;
  /** `hook.disabled` events of the last hour: callback URLs whose subscriptions were disabled or removed. */
  readonly disabledHooksLastHour: number;
  /** Age of the oldest message waiting on the `jobs` queue, in whole seconds; 0 when none waits. */
  readonly oldestWaitingJobSeconds: number;
}

/**
 * Reads the operational figures from storage alone (no sealing keys, no app): one range query of
 * the delivery log's `dead` partitions of the last hour, one range read of the `hook.disabled`
 * feed, one peek of the `jobs` queue. The poison queues are not counted: their handlers drain them
 * at once, turning each message into a dead delivery or a failed job, which is what is counted.
 */
export async function readOperationalHealth(storage: StorageClients, now = Date.now()): Promise<OperationalHealth> {
  const since = now - HOUR_MS;
  const [deadLettersLastHour, disabled, oldest] = await Promise.all([
    new DeliveryLog(storage.table(TABLES.deliverylog)).count('dead', since, now + 1, HEALTH_COUNT_LIMIT),
    new EventStore(storage.table(TABLES.events)).listBetween(hookDisabled.name, { after: toEventIdPrefix(since), before: toEventIdPrefix(now + 1), limit: HEALTH_COUNT_LIMIT }),
    new JobQueue(storage.queue(QUEUES.jobs)).oldestWaitingSince(),
  ]);
  const oldestWaitingJobSeconds = oldest ? Math.max(0, Math.floor((now - oldest.getTime()) / 1000)) : 0;
  return { deadLettersLastHour, disabledHooksLastHour: disabled.length, oldestWaitingJobSeconds };
}

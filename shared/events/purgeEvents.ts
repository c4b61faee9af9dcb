import type { Topic } from './defineTopic';
import { toEventIdPrefix } from './eventId';
import type { EventStore } from '../storage/EventStore';

/** Retention: every topic's events (and Idempotency-Key markers) older than `days`. */
export async function purgeEvents(store: EventStore, topics: readonly Topic[], days: number, now = Date.now()): Promise<number> {
  const cutoff = now - days * 86_400_000;
  let purged = 0;
  for (const topic of topics) purged += await store.purgeBefore(topic.name, toEventIdPrefix(cutoff), new Date(cutoff).toISOString());
  return purged;
}

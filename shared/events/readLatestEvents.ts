import type { Event } from '../model/Event';
import type { EventStore } from '../storage/EventStore';
import { toEventIdPrefix } from './eventId';

/** The first window read back from now (1 minute); each empty or sparse window widens the next fourfold. */
const FIRST_WINDOW_MS = 60_000;
const MAX_WINDOW_MS = 86_400_000;

/**
 * The latest `top` events of a topic, newest first, read through the feed's range reads
 * (EventStore.listBetween) in windows walking back from `now` until `top` are found or `since` is
 * reached: a window that comes back full may hold more than it returned, so it is narrowed and read
 * again, and the newest are never skipped. Unlike a polling trigger, it does not wait for the
 * settle horizon: it shows what the feed holds now.
 */
export async function readLatestEvents(store: EventStore, topic: string, options: { top: number; now: number; since: number }): Promise<Event[]> {
  const latest: Event[] = [];
  let to = options.now + 1;
  let span = FIRST_WINDOW_MS;
  while (latest.length < options.top && to > options.since) {
    const from = Math.max(options.since, to - span);
    const limit = options.top - latest.length;
    const found = await store.listBetween(topic, { after: toEventIdPrefix(from), before: toEventIdPrefix(to), limit });
    if (found.length >= limit && to - from > 1) {
      span = Math.max(1, Math.floor((to - from) / 4));
      continue;
    }
    latest.push(...found.reverse());
    to = from;
    span = Math.min(MAX_WINDOW_MS, span * 4);
  }
  return latest;
}

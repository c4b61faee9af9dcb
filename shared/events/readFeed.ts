import type { Cursor } from './Cursor';
import type { Event } from '../model/Event';
import { toEventIdPrefix } from './eventId';
import type { EventStore } from '../storage/EventStore';

/** Seconds a polling trigger waits between polls when nothing is waiting (30). Per topic one day, if needed. */
export const POLL_INTERVAL_SECONDS = 30;

/** Most events one poll may return (`batch` is 1..100). */
export const MAX_POLL_BATCH = 100;

/** What one poll of a topic's feed found. */
export interface FeedPage {
  /** Oldest first; empty when nothing new has settled. */
  readonly events: readonly Event[];
  /** Where the next poll starts: after the last event returned, or unchanged. */
  readonly next: Cursor;
  /** True when more settled events wait beyond this page. */
  readonly more: boolean;
}

/** The cursor of `now`: only events published after it will be read (the first call of a trigger). */
export function toStartCursor(now: number): Cursor {
  return { v: 1, after: toEventIdPrefix(now) };
}

/**
 * Reads up to `take` events after the cursor, never past the settle horizon (now − settleMs,
 * ARCHITECTURE.md §4): two publishers can finish their writes out of id order, so an event with an id below the
 * horizon has landed and a cursor that passes it can never skip a late one. Reads take + 1 rows to
 * know whether more wait. A cursor already at the horizon costs no storage call.
 */
export async function readFeed(
  store: EventStore,
  topic: string,
  cursor: Cursor,
  options: { take: number; now: number; settleMs: number },
): Promise<FeedPage> {
  const horizon = toEventIdPrefix(Math.max(0, options.now - options.settleMs));
  if (cursor.after >= horizon) return { events: [], next: cursor, more: false };
  const found = await store.listBetween(topic, { after: cursor.after, before: horizon, limit: options.take + 1 });
  const events = found.slice(0, options.take);
  const last = events[events.length - 1];
  return { events, next: last ? { v: 1, after: last.id } : cursor, more: found.length > options.take };
}

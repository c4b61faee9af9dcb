import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readLatestEvents } from '../../../shared/events/readLatestEvents';
import { newEventId } from '../../../shared/events/eventId';
import type { Event } from '../../../shared/model/Event';
import type { EventStore } from '../../../shared/storage/EventStore';

/** A feed in memory answering listBetween as the table does (ascending, at most `limit`), counting reads. */
function feed(times: number[]): { store: EventStore; reads: () => number; ids: string[] } {
  const events: Event[] = times.map((t) => ({ id: newEventId(t), type: 't', timestamp: new Date(t).toISOString(), data: {} })).sort((a, b) => a.id.localeCompare(b.id));
  let reads = 0;
  const store = {
    listBetween: (_topic: string, r: { after: string; before: string; limit: number }) => {
      reads++;
      return Promise.resolve(events.filter((e) => e.id > r.after && e.id < r.before).slice(0, r.limit));
    },
  } as unknown as EventStore;
  return { store, reads: () => reads, ids: events.map((e) => e.id) };
}

describe('readLatestEvents', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  test('a dense minute (more events than asked) still answers the newest, newest first', async () => {
    const { store, ids } = feed(Array.from({ length: 500 }, (_, n) => now - 30_000 + n * 10));
    const found = await readLatestEvents(store, 't', { top: 20, now, since: now - 86_400_000 });
    assert.deepEqual(found.map((e) => e.id), ids.slice(-20).reverse());
  });

  test('sparse events days apart are found by widening windows, in few reads', async () => {
    const { store, reads, ids } = feed([now - 5 * 86_400_000, now - 2 * 86_400_000, now - 3_600_000]);
    const found = await readLatestEvents(store, 't', { top: 100, now, since: now - 7 * 86_400_000 });
    assert.deepEqual(found.map((e) => e.id), [...ids].reverse());
    assert.ok(reads() <= 20, `${reads()} reads`);
  });
});

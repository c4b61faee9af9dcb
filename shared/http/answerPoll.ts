import type { HttpResponseInit } from '@azure/functions';
import type { Config } from '../config';
import { toTriggerState, type Cursor } from '../events/Cursor';
import type { Topic } from '../events/defineTopic';
import { POLL_INTERVAL_SECONDS, readFeed } from '../events/readFeed';
import type { EventStore } from '../storage/EventStore';
import type { PollQuery } from './readPollQuery';
import { toAbsoluteUrl } from './toAbsoluteUrl';
import { toRetryAfter } from './toRetryAfter';

/** What answering a poll needs: the settle setting, the feed and the trigger-state MAC keys (the first issues). */
export interface PollDeps {
  readonly config: Pick<Config, 'LONGRUN_FEED_SETTLE_MS'>;
  readonly events: EventStore;
  readonly triggerStateKeys: readonly Buffer[];
}

/** Route of every Location a polling trigger answers: anonymous, its triggerState is the capability. */
export const CONTINUATION_ROUTE = 'triggers/{topic}/next';

/** Where one poll starts; `first` is the trigger's first call (the cursor of "now", nothing to read). */
export interface PollPosition extends PollQuery {
  readonly cursor: Cursor;
  readonly first?: boolean;
}

/**
 * Answers one poll (ARCHITECTURE.md §3): 202 while nothing new has settled, 200 with the event (or the
 * array, with `batch`) otherwise; each answer's Location continues after what it returned, under
 * `base` (toPublicBaseUrl, computed by the handler before anything else). States are issued under
 * the newest key.
 */
export async function answerPoll(longrun: PollDeps, base: string, topic: Topic, position: PollPosition): Promise<HttpResponseInit> {
  const { cursor, batch } = position;
  const [issuingKey] = longrun.triggerStateKeys;
  if (!issuingKey) throw new Error('no triggerState key');
  const scope = { topic: topic.name, ...(batch !== undefined ? { batch } : {}) };
  // NOTE: the next poll goes to Location as given, and Power Automate sends no credentials with it
  // (MicrosoftDocs/architecture-center#4307; create-polling-trigger keeps the state in the URL):
  // the Location is the anonymous continuation route and carries no function key.
  const next = (at: Cursor): string =>
    toAbsoluteUrl(base, CONTINUATION_ROUTE.replace('{topic}', topic.name), {
      triggerState: toTriggerState(issuingKey, scope, at),
      batch: batch === undefined ? undefined : String(batch),
    });
  const waiting = (at: Cursor): HttpResponseInit => ({
    status: 202,
    headers: { Location: next(at), 'Retry-After': toRetryAfter(POLL_INTERVAL_SECONDS) },
  });
  if (position.first) return waiting(cursor);
  const now = Date.now();
  const page = await readFeed(longrun.events, topic.name, cursor, { take: batch ?? 1, now, settleMs: longrun.config.LONGRUN_FEED_SETTLE_MS });
  if (page.events.length === 0) return waiting(cursor);
  return {
    status: 200,
    headers: { Location: next(page.next), 'Retry-After': toRetryAfter(page.more ? 0 : POLL_INTERVAL_SECONDS) },
    jsonBody: batch === undefined ? page.events[0] : page.events,
  };
}

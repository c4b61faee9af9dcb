import { createHash } from 'node:crypto';
import type { Topic } from './defineTopic';
import { MAX_EVENT_JSON_CHARS, type Event } from '../model/Event';
import { newEventId } from './eventId';
import { fanOutEvent, type FanOutDeps } from './fanOutEvent';
import { Problem } from '../model/errors';
import type { EventStore } from '../storage/EventStore';
import { toMarkerShard } from '../storage/feedShards';

/** What a publish needs: the feed it appends to, and what its fan-out needs. */
export interface PublishDeps extends FanOutDeps {
  readonly events: EventStore;
}

/** What a publish may add. */
export interface PublishOptions {
  /** Makes a repeated publish a no-op that answers the first event (scope `event:<topic>`). */
  readonly idempotencyKey?: string;
  /** Publication time, Unix ms. Default: now. */
  readonly now?: number;
  /**
   * With an Idempotency-Key the app itself chose (one event per job), a repeat whose data differs
   * answers the first event instead of 409: the first event stands. Default false.
   */
  readonly firstStands?: boolean;
  /**
   * The publish may repeat one made before the feed was sharded (a redelivered worker message):
   * its key's marker is also looked for where markers lived then. Default false.
   */
  readonly legacyMarker?: boolean;
}

/** The event in the feed, and whether an Idempotency-Key found it there already. */
export interface PublishedEvent<Data = unknown> {
  readonly event: Event<Data>;
  readonly existing: boolean;
}

/** The idempotency scope of a topic's publishes. */
export function toEventIdempotencyScope(topic: string): string {
  return `event:${topic}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Appends an event to its topic's feed, then fans it out. `data` must already be valid against the
 * topic's schema: validation is the caller's. Over MAX_EVENT_JSON_CHARS is 413 and stores nothing.
 * One storage call either way: with an Idempotency-Key the event and the key's marker are one
 * atomic transaction, so a repeat with the same data answers the first event (and fans it out
 * again, in case the first attempt stopped before its fan-out); other data is 409.
 */
export async function publishEvent<D>(deps: PublishDeps, topic: Topic<D>, data: D, options: PublishOptions = {}): Promise<PublishedEvent<D>> {
  const now = options.now ?? Date.now();
  // An idempotent event lives in its marker's shard (one atomic write); the key names the shard.
  const key = options.idempotencyKey === undefined ? undefined : sha256(`${toEventIdempotencyScope(topic.name)}\n${options.idempotencyKey}`);
  const event: Event<D> = { id: newEventId(now, key === undefined ? undefined : toMarkerShard(key)), type: topic.name, timestamp: new Date(now).toISOString(), data };
  const json = JSON.stringify(event);
  if (json.length > MAX_EVENT_JSON_CHARS) {
    throw new Problem(413, `The event is ${json.length} characters as JSON; the limit is ${MAX_EVENT_JSON_CHARS}.`);
  }
  const store = deps.events;
  let published: PublishedEvent<D> = { event, existing: false };
  if (key === undefined) {
    await store.append(event);
  } else {
    const requestHash = sha256(`${topic.name}\n${JSON.stringify(data)}`);
    const result = await store.appendOnce(event, { key, requestHash }, { legacyMarker: options.legacyMarker === true });
    if (result.requestHash !== requestHash && !options.firstStands) throw new Problem(409, 'This Idempotency-Key was used with different event data.');
    published = { event: result.event as Event<D>, existing: result.existing };
  }
  await fanOutEvent(deps, published.event);
  return published;
}

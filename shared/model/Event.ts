import { z } from 'zod';

/**
 * One event of the feed, in the Standard Webhooks payload shape: the same object a polling trigger
 * returns and a webhook trigger receives.
 */
export interface Event<Data = unknown> {
  /** Time-ordered id (see newEventId): lexical order is publication order. */
  readonly id: string;
  /** The topic's name, e.g. `order.created`. */
  readonly type: string;
  /** When it was published, ISO 8601 (the same instant as the id's time part). */
  readonly timestamp: string;
  /** The topic's data, valid against the topic's schema when published. */
  readonly data: Data;
}

/** Largest event JSON the feed accepts, in characters; publish answers 413 above it. */
export const MAX_EVENT_JSON_CHARS = 60_000;

/** What an event read back from storage must look like: stored text is data entering the app. */
export const storedEventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  timestamp: z.string().min(1),
  data: z.unknown(),
});

/** Parses an event's JSON as stored; throws when it is not an event (a corrupted row). */
export function fromEventJson(json: string): Event {
  const event = storedEventSchema.parse(JSON.parse(json) as unknown);
  return { id: event.id, type: event.type, timestamp: event.timestamp, data: event.data };
}

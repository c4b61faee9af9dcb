import { z } from 'zod';
import { EVENT_ID_PATTERN, EVENT_ID_PREFIX_PATTERN } from './eventId';

/**
 * Where a polling trigger stands in a topic's feed: every event with an id above `after` is still
 * to come. `after` is an event id, or an id prefix (a bare instant) for a cursor that no event has
 * advanced yet. Callers see it only as the opaque `triggerState`.
 */
export interface Cursor {
  readonly v: 1;
  readonly after: string;
}

const cursorSchema = z
  .object({
    v: z.literal(1),
    after: z.string().refine((s) => EVENT_ID_PATTERN.test(s) || EVENT_ID_PREFIX_PATTERN.test(s), 'expected an event id'),
  })
  .strict();

/** Longest triggerState we decode; a real one is about 60 characters. */
const MAX_TRIGGER_STATE_CHARS = 256;

/** The opaque `triggerState`: base64url of the cursor's JSON. */
export function toTriggerState(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: cursor.v, after: cursor.after }), 'utf8').toString('base64url');
}

/** The cursor a triggerState carries, or undefined when it does not parse (the caller answers 400). */
export function fromTriggerState(state: string): Cursor | undefined {
  // NOTE: Buffer's base64url decoder skips characters outside the alphabet instead of failing,
  // so the alphabet is checked first.
  if (state.length > MAX_TRIGGER_STATE_CHARS || !/^[A-Za-z0-9_-]+$/.test(state)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(state, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

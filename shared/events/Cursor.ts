import { createHmac, timingSafeEqual } from 'node:crypto';
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

/** What a triggerState is bound to besides its cursor: another topic or batch size makes it invalid. */
export interface TriggerStateScope {
  readonly topic: string;
  /** Absent: one event per answer. */
  readonly batch?: number;
}

const cursorSchema = z
  .object({
    v: z.literal(1),
    after: z.string().refine((s) => EVENT_ID_PATTERN.test(s) || EVENT_ID_PREFIX_PATTERN.test(s), 'expected an event id'),
  })
  .strict();

/** Longest triggerState we decode; a real one is about 85 characters. */
const MAX_TRIGGER_STATE_CHARS = 256;

/** Bytes of the MAC kept: HMAC-SHA256 truncated to 128 bits. */
export const TRIGGER_STATE_TAG_BYTES = 16;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The MAC of a cursor's encoded form in its scope; JSON makes the fields unambiguous. */
function toTag(key: Buffer, scope: TriggerStateScope, encodedCursor: string): Buffer {
  const message = JSON.stringify(['longrun.triggerState', scope.topic, scope.batch ?? null, encodedCursor]);
  return createHmac('sha256', key).update(message, 'utf8').digest().subarray(0, TRIGGER_STATE_TAG_BYTES);
}

/**
 * The opaque `triggerState`: `<cursor>.<tag>`, base64url of the cursor's JSON and of a keyed MAC
 * over (topic, batch, cursor). It is a capability: the anonymous continuation route reads a feed
 * only for a state this app issued, for that topic and batch.
 */
export function toTriggerState(key: Buffer, scope: TriggerStateScope, cursor: Cursor): string {
  const encoded = Buffer.from(JSON.stringify({ v: cursor.v, after: cursor.after }), 'utf8').toString('base64url');
  return `${encoded}.${toTag(key, scope, encoded).toString('base64url')}`;
}

/**
 * The cursor a triggerState carries, or undefined when it does not parse or its MAC does not
 * match this key and scope (compared in constant time). Never says which.
 */
export function fromTriggerState(key: Buffer, scope: TriggerStateScope, state: string): Cursor | undefined {
  if (state.length > MAX_TRIGGER_STATE_CHARS) return undefined;
  const parts = state.split('.');
  const [encoded, tagText] = parts;
  // NOTE: Buffer's base64url decoder skips characters outside the alphabet instead of failing,
  // so the alphabet is checked first; the tag must also be its bytes' canonical encoding, or a
  // changed last character (unused low bits) would decode to the same tag.
  if (parts.length !== 2 || !encoded || !tagText || !BASE64URL.test(encoded) || !BASE64URL.test(tagText)) return undefined;
  const tag = Buffer.from(tagText, 'base64url');
  if (tag.length !== TRIGGER_STATE_TAG_BYTES || tag.toString('base64url') !== tagText) return undefined;
  if (!timingSafeEqual(tag, toTag(key, scope, encoded))) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The cursor of a triggerState issued before states were signed (base64url of the cursor's JSON,
 * no tag), or undefined. Only the function-key route reads these: a workflow saved before the
 * upgrade keeps polling its stored Location, and its next answer moves it to a signed state.
 */
export function fromUnsignedTriggerState(state: string): Cursor | undefined {
  if (state.length > MAX_TRIGGER_STATE_CHARS || !/^[A-Za-z0-9_-]+$/.test(state)) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(state, 'base64url').toString('utf8')) as unknown);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

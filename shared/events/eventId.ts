import { randomBytes } from 'node:crypto';
import { toShardedRandomHex } from '../storage/feedShards';

/**
 * Event ids are time-ordered and fixed-width, so lexical order is time order (the table sorts
 * RowKeys lexically): 13 decimal digits of the publication time in Unix milliseconds (zero-padded;
 * enough until the year 2286), `-`, then 16 hex digits of randomness (64 bits) so two events of
 * the same millisecond never collide. Example: `1718000000000-9f86d081884c7d65`.
 */
export const EVENT_ID_PATTERN = /^\d{13}-[0-9a-f]{16}$/;

/** The time part alone (`1718000000000`): sorts before every id of that millisecond and after every earlier one. */
export const EVENT_ID_PREFIX_PATTERN = /^\d{13}$/;

/**
 * A new event id for the time `now` (Unix ms). Its first random byte also names the feed shard the
 * event lives in (storage/feedShards): `shard` places it in a given one (an idempotent publish goes
 * to its marker's shard); without it the shard is as random as the rest.
 */
export function newEventId(now: number = Date.now(), shard?: number): string {
  const random = randomBytes(8).toString('hex');
  return `${toEventIdPrefix(now)}-${shard === undefined ? random : toShardedRandomHex(random, shard)}`;
}

/**
 * The id prefix of an instant: every id published at or after `ms` sorts above it, every id
 * published before it sorts below it. Cursors and the settle horizon are expressed with it.
 */
export function toEventIdPrefix(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > 9_999_999_999_999) {
    throw new RangeError(`An event time must be whole Unix milliseconds from 0 to 9999999999999, got ${ms}`);
  }
  return String(ms).padStart(13, '0');
}

export function isEventId(value: string): boolean {
  return EVENT_ID_PATTERN.test(value);
}

/** The publication time (Unix ms) an event id or id prefix carries. */
export function toEventTime(idOrPrefix: string): number {
  return Number(idOrPrefix.slice(0, 13));
}

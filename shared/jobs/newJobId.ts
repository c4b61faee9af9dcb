import { randomBytes } from 'node:crypto';

/** The largest time a job id can hold: 2^48 - 1 ms after 1970 (the year 10889). */
export const MAX_JOB_ID_TIME = 2 ** 48 - 1;

/** The first 12 hex digits of the ids of jobs started at `ms`: the time reversed, so a newer job sorts first. */
export function toJobIdPrefix(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_JOB_ID_TIME) throw new RangeError(`no job id holds the time ${ms}`);
  return (MAX_JOB_ID_TIME - ms).toString(16).padStart(12, '0');
}

/**
 * Job ids: 32 lowercase hex digits, time-ordered (ARCHITECTURE.md §4): 12 digits of the start time
 * in ms, reversed (2^48 - 1 - ms), so ascending ids are newest first, then 80 random bits. The
 * table's PartitionKey is the id, so a time range is a PartitionKey range. The id is no capability:
 * the status URL's token is.
 */
export function newJobId(now: number = Date.now()): string {
  return `${toJobIdPrefix(now)}${randomBytes(10).toString('hex')}`;
}

/** Ids of earlier versions were 128 random bits: they still parse (and read) as ids. */
export const JOB_ID_PATTERN = /^[0-9a-f]{32}$/;

export function isJobId(value: string): boolean {
  return JOB_ID_PATTERN.test(value);
}

/**
 * The ids of jobs started in [from, to) (ms), as an inclusive id range: the newest possible id
 * first. An id of an earlier version (random) falls in a range by chance only.
 */
export function toJobIdRange(from: number, to: number): { readonly first: string; readonly last: string } {
  return { first: `${toJobIdPrefix(to - 1)}${'0'.repeat(20)}`, last: `${toJobIdPrefix(from)}${'f'.repeat(20)}` };
}

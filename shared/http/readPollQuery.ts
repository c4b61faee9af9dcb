import type { HttpRequest } from '@azure/functions';
import { fromTriggerState, fromUnsignedTriggerState, type Cursor, type TriggerStateScope } from '../events/Cursor';
import { MAX_POLL_BATCH } from '../events/readFeed';
import { Problem } from '../model/errors';

/** A polling trigger's query: where it stands and how many events it takes. */
export interface PollQuery {
  /** Absent on a trigger's first call (no or an empty `triggerState`). */
  readonly cursor?: Cursor;
  /** Absent: one event per answer, not an array. */
  readonly batch?: number;
}

/** A continuation's query: always a cursor this app issued. */
export interface ContinuationQuery extends PollQuery {
  readonly cursor: Cursor;
}

/**
 * The cursor of a triggerState whose MAC verifies under any of `keys` (one per listed sealing key,
 * newest first), so a rotation does not break the states issued before it while the old key stays.
 */
function fromAnyTriggerState(keys: readonly Buffer[], scope: TriggerStateScope, state: string): Cursor | undefined {
  for (const key of keys) {
    const cursor = fromTriggerState(key, scope, state);
    if (cursor) return cursor;
  }
  return undefined;
}

/** Parses `batch`: absent is undefined; a whole number 1..100 otherwise, or 400. */
export function parseBatch(value: string | null): number | undefined {
  if (value === null) return undefined;
  const batch = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(batch >= 1 && batch <= MAX_POLL_BATCH)) {
    throw new Problem(400, `The batch parameter must be a whole number from 1 to ${MAX_POLL_BATCH}, got "${value.slice(0, 20)}".`, {
      errors: [{ path: 'batch', message: `expected a whole number from 1 to ${MAX_POLL_BATCH}` }],
    });
  }
  return batch;
}

/**
 * Reads the first call of a trigger (the function-key route): `batch` (400 when it does not
 * parse) and an optional `triggerState`, which must be one this app issued for the topic and
 * batch (400 otherwise: the caller holds the key, so saying what is wrong reveals nothing).
 */
export function readPollQuery(request: Pick<HttpRequest, 'query'>, keys: readonly Buffer[], topic: string): PollQuery {
  const batch = parseBatch(request.query.get('batch'));
  const state = request.query.get('triggerState');
  if (state === null || state === '') return batch !== undefined ? { batch } : {};
  // An unsigned state is one an earlier version issued (its Location kept `code`, so it arrives
  // here, behind the key): accepted, and answered with a signed Location.
  const cursor = fromAnyTriggerState(keys, { topic, ...(batch !== undefined ? { batch } : {}) }, state) ?? fromUnsignedTriggerState(state);
  if (!cursor) {
    throw new Problem(400, 'The triggerState is not one this API issued for this topic and batch: pass back the one from the last Location unchanged.', {
      errors: [{ path: 'triggerState', message: 'expected a cursor issued by this API' }],
    });
  }
  return { cursor, ...(batch !== undefined ? { batch } : {}) };
}

/** Anything wrong with a continuation URL, whatever it is. */
const NO_SUCH_CONTINUATION = 'No polling trigger continues at this URL: start again from the trigger URL.';

/**
 * Reads a continuation (the anonymous route, whose URL is the capability): a `triggerState` this
 * app issued for the route's topic and the query's `batch`. A missing, malformed, forged or
 * altered state, another topic's state or a changed batch are all 404, with one detail: nothing
 * tells which part failed, and no feed is read.
 */
export function readContinuationQuery(request: Pick<HttpRequest, 'query'>, keys: readonly Buffer[], topic: string): ContinuationQuery {
  let batch: number | undefined;
  try {
    batch = parseBatch(request.query.get('batch'));
  } catch {
    throw new Problem(404, NO_SUCH_CONTINUATION);
  }
  const cursor = fromAnyTriggerState(keys, { topic, ...(batch !== undefined ? { batch } : {}) }, request.query.get('triggerState') ?? '');
  if (!cursor) throw new Problem(404, NO_SUCH_CONTINUATION);
  return { cursor, ...(batch !== undefined ? { batch } : {}) };
}

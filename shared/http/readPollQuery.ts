import type { HttpRequest } from '@azure/functions';
import { fromTriggerState, type Cursor } from '../events/Cursor';
import { MAX_POLL_BATCH } from '../events/readFeed';
import { Problem } from './Problem';

/** A polling trigger's query: where it stands and how many events it takes. */
export interface PollQuery {
  /** Absent on a trigger's first call (no or an empty `triggerState`). */
  readonly cursor?: Cursor;
  /** Absent: one event per answer, not an array. */
  readonly batch?: number;
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

/** Parses `triggerState`: absent or empty is a first call; a state that does not parse is 400. */
export function parseTriggerState(value: string | null): Cursor | undefined {
  if (value === null || value === '') return undefined;
  const cursor = fromTriggerState(value);
  if (!cursor) {
    throw new Problem(400, 'The triggerState does not parse: pass back the one from the last Location unchanged.', {
      errors: [{ path: 'triggerState', message: 'expected a cursor issued by this API' }],
    });
  }
  return cursor;
}

/** Reads `triggerState` and `batch` from a polling trigger's request (400 when either does not parse). */
export function readPollQuery(request: Pick<HttpRequest, 'query'>): PollQuery {
  const batch = parseBatch(request.query.get('batch'));
  const cursor = parseTriggerState(request.query.get('triggerState'));
  return { ...(cursor ? { cursor } : {}), ...(batch !== undefined ? { batch } : {}) };
}

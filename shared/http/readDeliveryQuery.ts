import type { HttpRequest } from '@azure/functions';
import { z } from 'zod';
import type { DeliveryLogQuery, LoggedState } from '../storage/DeliveryLog';
import { toQueryRecord } from './readPageQuery';
import { parseOrProblem } from './toValidationProblem';

/** The states a caller lists by; `delivered` is the record's `succeeded`. */
export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'gone', 'refused'] as const;

/** The widest time range one list query covers (31 days). */
export const MAX_LIST_RANGE_MS = 31 * 86_400_000;

/** Without `from`, a list covers the 24 hours before `to`. */
const DEFAULT_RANGE_MS = 86_400_000;

const key = z.string().max(200).regex(/^[\w.:-]+$/, 'expected letters, digits, ".", ":", "_" or "-"');
const instant = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 time such as 2026-01-31T12:00:00Z' });

const schema = z
  .object({
    state: z.enum(DELIVERY_STATES, `expected one of ${DELIVERY_STATES.join(', ')}`),
    from: instant.optional(),
    to: instant.optional(),
    topic: key.optional(),
    hookId: key.optional(),
    jobId: key.optional(),
  })
  .transform((q) => {
    const to = q.to ? Date.parse(q.to) : Date.now();
    const from = q.from ? Date.parse(q.from) : to - DEFAULT_RANGE_MS;
    return { ...q, fromMs: from, toMs: to };
  })
  .refine((q) => q.fromMs < q.toMs, { message: 'from must be before to', path: ['from'] })
  .refine((q) => q.toMs - q.fromMs <= MAX_LIST_RANGE_MS, { message: 'the range is longer than 31 days', path: ['to'] });

/** A parsed list query: what the log is asked, and the query as a nextLink repeats it. */
export interface DeliveryListQuery {
  readonly log: DeliveryLogQuery;
  readonly echo: Record<string, string | undefined>;
}

/** The record's status of a listed state. */
export function toLoggedState(state: (typeof DELIVERY_STATES)[number]): LoggedState {
  return state === 'delivered' ? 'succeeded' : state;
}

/**
 * Reads `GET /api/manage/deliveries`' query: `state` (required), `from`/`to` (ISO 8601, from
 * inclusive, to exclusive; default the last 24 hours, at most 31 days), `topic`, `hookId`, `jobId`.
 * Anything else wrong is a 400 problem naming every failing parameter.
 */
export function readDeliveryQuery(request: Pick<HttpRequest, 'query'>): DeliveryListQuery {
  const q = parseOrProblem(schema, toQueryRecord(request, ['state', 'from', 'to', 'topic', 'hookId', 'jobId']), 'query');
  const filters = {
    ...(q.topic !== undefined ? { topic: q.topic } : {}),
    ...(q.hookId !== undefined ? { hookId: q.hookId } : {}),
    ...(q.jobId !== undefined ? { jobId: q.jobId } : {}),
  };
  return {
    log: { state: toLoggedState(q.state), from: q.fromMs, to: q.toMs, ...filters },
    echo: { state: q.state, from: new Date(q.fromMs).toISOString(), to: new Date(q.toMs).toISOString(), ...filters },
  };
}

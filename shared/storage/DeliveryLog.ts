import { odata, type TableClient } from '@azure/data-tables';
import type { DeliveryStatus, DeliveryTarget } from '../model/Delivery';
import { isConflict, isNotFound } from './storageErrors';

/** The states the log indexes: a delivery's entry into each is one row (cancelled is not indexed). */
export type LoggedState = Extract<DeliveryStatus, 'pending' | 'succeeded' | 'dead' | 'gone' | 'refused'>;

export const LOGGED_STATES: readonly LoggedState[] = ['pending', 'succeeded', 'dead', 'gone', 'refused'];

/** One row: a delivery entered `state` at `at` (Unix ms). */
export interface DeliveryLogEntry {
  readonly deliveryId: string;
  readonly state: LoggedState;
  readonly at: number;
  readonly target: DeliveryTarget;
}

/** A time range (`from` inclusive, `to` exclusive, Unix ms) of one state, optionally of one target. */
export interface DeliveryLogQuery {
  readonly state: LoggedState;
  readonly from: number;
  readonly to: number;
  readonly topic?: string;
  readonly hookId?: string;
  readonly jobId?: string;
}

/** One page of a query, newest first, and where the next page starts (the service's continuation). */
export interface DeliveryLogPage {
  readonly entries: readonly DeliveryLogEntry[];
  readonly continuation?: string;
}

interface Entity {
  deliveryId: string;
  state: string;
  at: number;
  kind: string;
  jobId?: string;
  topic?: string;
  hookId?: string;
  eventId?: string;
}

const HOUR_MS = 3_600_000;
const MAX_MS = 9_999_999_999_999;

/** Reversed time, 13 digits: ascending keys are newest first. */
function reversed(ms: number): string {
  return String(MAX_MS - Math.min(MAX_MS, Math.max(0, Math.floor(ms)))).padStart(13, '0');
}

/** The partition of a state's hour: `dead-<reversed hour start>`. */
function toPartition(state: string, ms: number): string {
  return `${state}-${reversed(Math.floor(ms / HOUR_MS) * HOUR_MS)}`;
}

/** The filter of a state's time range: the hour partitions it touches, then the exact bounds on the RowKey. */
function toRangeFilter(state: string, from: number, to: number): string {
  const last = Math.max(from, to - 1);
  return odata`PartitionKey ge ${toPartition(state, last)} and PartitionKey le ${toPartition(state, from)} and RowKey ge ${reversed(last)} and RowKey lt ${`${reversed(from)}.`}`;
}

/**
 * The `deliverylog` table, the deliveries' index by state and time (ARCHITECTURE.md §4): one row
 * each time a delivery enters a state, PartitionKey = `<state>-<reversed hour>`, RowKey =
 * `<reversed ms>-<delivery id>`, so a time range of one state reads only its hours' partitions,
 * newest first, and no row is ever updated (a row is history; the delivery's own row is the truth).
 */
export class DeliveryLog {
  constructor(private readonly table: TableClient) {}

  /** Adds the row of a delivery entering `state` at `at`; a repeat of the same row is a no-op. One write. */
  async record(state: LoggedState, deliveryId: string, target: DeliveryTarget, at = Date.now()): Promise<void> {
    const { kind, ...fields } = target;
    // An insert, not an upsert: rows are never updated, so a 409 is this same row written by a
    // retry. (An upsert would cost the same on Azure, but the emulator serves it with a scan of the
    // whole table per write, which slows a burst of deliveries quadratically.)
    try {
      await this.table.createEntity({ partitionKey: toPartition(state, at), rowKey: `${reversed(at)}-${deliveryId}`, deliveryId, state, at, kind, ...fields });
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }

  /**
   * One page of a query (one table query), newest first; `continuation` from the previous page.
   * NOTE: a query answers at most 1,000 entities and stops with a continuation when it crosses a
   * partition boundary, and may answer none with a continuation ("Query Timeout and Pagination",
   * Table service REST): hour partitions keep most pages whole; callers treat a short or empty page
   * with a continuation as "more may follow".
   */
  async page(query: DeliveryLogQuery, top: number, continuation?: string): Promise<DeliveryLogPage> {
    const filters = [toRangeFilter(query.state, query.from, query.to)];
    if (query.topic !== undefined) filters.push(odata`topic eq ${query.topic}`);
    if (query.hookId !== undefined) filters.push(odata`hookId eq ${query.hookId}`);
    if (query.jobId !== undefined) filters.push(odata`jobId eq ${query.jobId}`);
    const pages = this.table.listEntities<Entity>({ queryOptions: { filter: filters.join(' and ') } }).byPage({ maxPageSize: top, ...(continuation ? { continuationToken: continuation } : {}) });
    for await (const page of pages) {
      const entries = page.flatMap((entity) => toEntry(entity));
      return page.continuationToken ? { entries, continuation: page.continuationToken } : { entries };
    }
    return { entries: [] };
  }

  /** How many rows a state has in a range, counting at most `limit` (reads keys only). */
  async count(state: LoggedState, from: number, to: number, limit: number): Promise<number> {
    let count = 0;
    const entities = this.table.listEntities({ queryOptions: { filter: toRangeFilter(state, from, to), select: ['RowKey'] } });
    for await (const _ of entities) if (++count >= limit) break;
    return count;
  }

  /** Retention: deletes every row older than `before` (Unix ms), whole hours, by range. Returns how many. */
  async purgeBefore(before: number): Promise<number> {
    let purged = 0;
    for (const state of LOGGED_STATES) {
      // Older hours have larger reversed keys: everything above the cutoff hour's partition.
      const filter = odata`PartitionKey gt ${toPartition(state, before)} and PartitionKey lt ${`${state}.`}`;
      for await (const entity of this.table.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
        try {
          await this.table.deleteEntity(entity.partitionKey ?? '', entity.rowKey ?? '');
          purged++;
        } catch (error) {
          if (!isNotFound(error) && !isConflict(error)) throw error;
        }
      }
    }
    return purged;
  }
}

function toEntry(e: Entity): DeliveryLogEntry[] {
  const state = LOGGED_STATES.find((s) => s === e.state);
  if (!state || typeof e.deliveryId !== 'string') return [];
  const target: DeliveryTarget =
    e.kind === 'callback'
      ? { kind: 'callback', jobId: e.jobId ?? '' }
      : { kind: 'hook', topic: e.topic ?? '', hookId: e.hookId ?? '', eventId: e.eventId ?? '' };
  return [{ deliveryId: e.deliveryId, state, at: Number(e.at), target }];
}

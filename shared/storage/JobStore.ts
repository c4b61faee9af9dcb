import { odata, type TableClient, type TableEntityResult, type TableEntityResultPage } from '@azure/data-tables';
import type { Job, JobStatus, JobSummary } from '../model/Job';
import { SUMMARY_COLUMNS, toJob, toJobEntity, toJobSummary, withoutUndefined, type JobEntity as Entity } from './JobEntity';
import { isNotFound } from './storageErrors';
import type { SecretSealer } from './SecretSealer';

/** A job and the ETag of the row it was read from: every change is conditional on it. */
export interface StoredJob {
  readonly job: Job;
  readonly etag: string;
}

/**
 * A job as its row holds it (secrets sealed) with the row's ETag: what a new job's queue message
 * carries, so the worker's first run needs no read (ARCHITECTURE.md §4's cost floor). Every write stays
 * ETag-conditional: a row changed meanwhile (a cancel, a token) answers 412 and is read then.
 */
export interface JobSnapshot {
  readonly etag: string;
  readonly entity: Readonly<Record<string, string | number | boolean>>;
}

const ROW = 'job';

/** Which jobs a list page reads: an inclusive id range (a PartitionKey range, ARCHITECTURE.md §4) and equality filters. */
export interface JobListQuery {
  readonly firstId: string;
  readonly lastId: string;
  readonly status?: JobStatus;
  readonly kind?: string;
  readonly clientTrackingId?: string;
  readonly workflowRunId?: string;
}

/** Where the table's next page starts (its continuation), or undefined after the last page. */
export interface JobListContinuation {
  readonly partitionKey: string;
  readonly rowKey?: string;
}

/** One page of a job list: at most `top` jobs, newest first, and where the next page starts. */
export interface JobListPage {
  readonly jobs: JobSummary[];
  readonly next?: JobListContinuation;
}

/** The `jobs` table: PartitionKey = job id, one row per job. */
export class JobStore {
  constructor(
    private readonly table: TableClient,
    private readonly sealer: SecretSealer,
  ) {}

  /** Inserts a new job; throws (409) when the id exists. */
  async insert(job: Job): Promise<StoredJob> {
    const response = await this.table.createEntity({ partitionKey: job.id, rowKey: ROW, ...withoutUndefined(toJobEntity(job, this.sealer)) });
    return { job, etag: response.etag ?? '' };
  }

  /** One point read; undefined when there is no such job. */
  async get(id: string): Promise<StoredJob | undefined> {
    try {
      const entity: TableEntityResult<Entity> = await this.table.getEntity<Entity>(id, ROW);
      return { job: toJob(id, entity, this.sealer), etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Replaces the row only if it still has `etag`; throws 412 when someone else changed it. */
  async replace(job: Job, etag: string): Promise<StoredJob> {
    const response = await this.table.updateEntity(
      { partitionKey: job.id, rowKey: ROW, ...withoutUndefined(toJobEntity(job, this.sealer)) },
      'Replace',
      { etag },
    );
    return { job, etag: response.etag ?? '' };
  }

  toSnapshot(stored: StoredJob): JobSnapshot {
    return { etag: stored.etag, entity: withoutUndefined(toJobEntity(stored.job, this.sealer)) };
  }

  fromSnapshot(id: string, snapshot: JobSnapshot): StoredJob {
    return { job: toJob(id, snapshot.entity, this.sealer), etag: snapshot.etag };
  }

  async delete(id: string, etag: string): Promise<void> {
    await this.table.deleteEntity(id, ROW, { etag });
  }

  /**
   * One page of jobs, newest first: one query over the id range (a PartitionKey range: no scan)
   * with the other filters applied by the table, at most `top` rows, only the envelope's columns.
   * A page may hold fewer than `top` jobs and still have a next one (the table's own paging).
   */
  async listPage(query: JobListQuery, top: number, from?: JobListContinuation): Promise<JobListPage> {
    const clauses = [odata`PartitionKey ge ${query.firstId}`, odata`PartitionKey le ${query.lastId}`];
    if (query.status) clauses.push(odata`status eq ${query.status}`);
    if (query.kind) clauses.push(odata`kind eq ${query.kind}`);
    if (query.clientTrackingId) clauses.push(odata`clientTrackingId eq ${query.clientTrackingId}`);
    if (query.workflowRunId) clauses.push(odata`workflowRunId eq ${query.workflowRunId}`);
    const pages = this.table
      .listEntities<Entity>({ queryOptions: { filter: clauses.join(' and '), select: SUMMARY_COLUMNS } })
      .byPage({ maxPageSize: top, ...(from ? { continuationToken: toContinuationToken(from) } : {}) });
    const first = await pages.next();
    if (first.done) return { jobs: [] };
    const page: TableEntityResultPage<Entity> = first.value;
    const next = page.continuationToken ? fromContinuationToken(page.continuationToken) : undefined;
    return { jobs: page.map((e) => toJobSummary(e.partitionKey ?? '', e)), ...(next ? { next } : {}) };
  }

  /** Terminal jobs completed before `before` (ISO time), for retention. */
  async *listCompletedBefore(before: string): AsyncIterable<StoredJob> {
    const filter = odata`completedAt lt ${before}`;
    for await (const entity of this.table.listEntities<Entity>({ queryOptions: { filter } })) {
      yield { job: toJob(entity.partitionKey ?? '', entity, this.sealer), etag: entity.etag };
    }
  }

  /** Jobs still queued whose row has not changed since `before` (ISO time): their message may be lost. */
  async *listQueuedSince(before: string): AsyncIterable<StoredJob> {
    const filter = odata`status eq 'queued' and updatedAt lt ${before}`;
    for await (const entity of this.table.listEntities<Entity>({ queryOptions: { filter } })) {
      yield { job: toJob(entity.partitionKey ?? '', entity, this.sealer), etag: entity.etag };
    }
  }
}

// NOTE: the SDK's continuation token is base64 of {nextPartitionKey, nextRowKey} (@azure/data-tables,
// utils/continuationToken); it is taken apart here so callers never hold the SDK's encoding.
function toContinuationToken(from: JobListContinuation): string {
  return Buffer.from(JSON.stringify({ nextPartitionKey: from.partitionKey, ...(from.rowKey ? { nextRowKey: from.rowKey } : {}) })).toString('base64');
}

function fromContinuationToken(token: string): JobListContinuation | undefined {
  const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { nextPartitionKey?: unknown; nextRowKey?: unknown };
  if (typeof parsed.nextPartitionKey !== 'string' || !parsed.nextPartitionKey) return undefined;
  return { partitionKey: parsed.nextPartitionKey, ...(typeof parsed.nextRowKey === 'string' && parsed.nextRowKey ? { rowKey: parsed.nextRowKey } : {}) };
}

import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { Job, JobCallback, JobStatus, StoredPayload } from '../model/Job';
import { toJobFailure } from '../model/JobFailure';
import { isNotFound } from './storageErrors';
import type { SecretSealer } from './SecretSealer';

/** A job and the ETag of the row it was read from: every change is conditional on it. */
export interface StoredJob {
  readonly job: Job;
  readonly etag: string;
}

type Entity = Record<string, string | number | boolean | undefined>;

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

function payloadFields(prefix: string, payload: StoredPayload | undefined): Entity {
  if (!payload) return { [`${prefix}Inline`]: undefined, [`${prefix}Blob`]: undefined };
  return 'inline' in payload
    ? { [`${prefix}Inline`]: payload.inline, [`${prefix}Blob`]: undefined }
    : { [`${prefix}Inline`]: undefined, [`${prefix}Blob`]: payload.blob };
}

function toPayload(entity: Entity, prefix: string): StoredPayload | undefined {
  const inline = entity[`${prefix}Inline`];
  const blob = entity[`${prefix}Blob`];
  if (typeof inline === 'string') return { inline };
  if (typeof blob === 'string') return { blob };
  return undefined;
}

/** Job -> table entity. Writes replace the whole row, so an absent field is a cleared one. */
function toEntity(job: Job, sealer: SecretSealer): Entity {
  return {
    kind: job.kind,
    status: job.status,
    tokenHashes: job.tokenHashes.join(','),
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    completedAt: job.completedAt,
    startedAt: job.startedAt,
    progress: job.progress,
    ...payloadFields('input', job.input),
    ...payloadFields('state', job.state),
    ...payloadFields('result', job.result),
    error: job.error ? JSON.stringify(job.error) : undefined,
    step: job.step,
    runnerId: job.runnerId,
    cancelRequested: job.cancelRequested,
    requestHash: job.requestHash,
    unsubscribed: job.unsubscribed,
    // The callback URL carries its `sig=` secret: sealed, never in clear in the row.
    callback: job.callback ? sealer.seal(JSON.stringify(job.callback)) : undefined,
    lastError: job.lastError,
    failedAttempts: job.failedAttempts,
  };
}

function toJob(id: string, e: Entity, sealer: SecretSealer): Job {
  const str = (k: string): string | undefined => {
    const value = e[k];
    return typeof value === 'string' ? value : undefined;
  };
  const input = toPayload(e, 'input');
  if (!input) throw new Error(`job ${id} has no input`);
  const state = toPayload(e, 'state');
  const result = toPayload(e, 'result');
  const error = str('error');
  const callback = str('callback');
  return {
    id,
    kind: String(e.kind),
    status: String(e.status) as JobStatus,
    tokenHashes: (str('tokenHashes') ?? '').split(',').filter(Boolean),
    createdAt: String(e.createdAt),
    updatedAt: String(e.updatedAt),
    ...(str('completedAt') ? { completedAt: str('completedAt') } : {}),
    ...(str('startedAt') ? { startedAt: str('startedAt') } : {}),
    ...(typeof e.progress === 'number' ? { progress: e.progress } : {}),
    input,
    ...(state ? { state } : {}),
    ...(result ? { result } : {}),
    // Read through toJobFailure: a row written before 424 existed answers as today's rows do.
    ...(error ? { error: toJobFailure(JSON.parse(error), String(e.status)) } : {}),
    step: typeof e.step === 'number' ? e.step : 0,
    ...(str('runnerId') ? { runnerId: str('runnerId') } : {}),
    cancelRequested: e.cancelRequested === true,
    ...(str('requestHash') ? { requestHash: str('requestHash') } : {}),
    ...(e.unsubscribed === true ? { unsubscribed: true } : {}),
    ...(callback ? { callback: JSON.parse(sealer.open(callback)) as JobCallback } : {}),
    ...(str('lastError') ? { lastError: str('lastError') } : {}),
    ...(typeof e.failedAttempts === 'number' ? { failedAttempts: e.failedAttempts } : {}),
  };
}

function withoutUndefined(entity: Entity): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(entity).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
}

/** The `jobs` table: PartitionKey = job id, one row per job. */
export class JobStore {
  constructor(
    private readonly table: TableClient,
    private readonly sealer: SecretSealer,
  ) {}

  /** Inserts a new job; throws (409) when the id exists. */
  async insert(job: Job): Promise<StoredJob> {
    const response = await this.table.createEntity({ partitionKey: job.id, rowKey: ROW, ...withoutUndefined(toEntity(job, this.sealer)) });
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
      { partitionKey: job.id, rowKey: ROW, ...withoutUndefined(toEntity(job, this.sealer)) },
      'Replace',
      { etag },
    );
    return { job, etag: response.etag ?? '' };
  }

  toSnapshot(stored: StoredJob): JobSnapshot {
    return { etag: stored.etag, entity: withoutUndefined(toEntity(stored.job, this.sealer)) };
  }

  fromSnapshot(id: string, snapshot: JobSnapshot): StoredJob {
    return { job: toJob(id, snapshot.entity, this.sealer), etag: snapshot.etag };
  }

  async delete(id: string, etag: string): Promise<void> {
    await this.table.deleteEntity(id, ROW, { etag });
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

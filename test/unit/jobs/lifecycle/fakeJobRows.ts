import type { Job } from '../../../../shared/model/Job';
import type { StoredJob } from '../../../../shared/storage/JobStore';
import type { JobRows } from '../../../../shared/jobs/lifecycle/writeJob';

/** What another writer does to the row just before one of ours lands: a new job, or undefined to delete it. */
export type Interference = (job: Job) => Job | undefined;

/**
 * The `jobs` table in memory, with ETags as the service keeps them: every write gives the row a
 * new one, and a replace with an older ETag fails with 412 as the SDK reports it (`statusCode`).
 * `interfere` queues changes another writer makes right before our next calls of one kind, one per call.
 */
export class FakeJobRows implements JobRows {
  readonly calls: string[] = [];
  private readonly rows = new Map<string, StoredJob>();
  private readonly interferences: Record<'get' | 'replace', Interference[]> = { get: [], replace: [] };
  private version = 0;
  /** A storage error (not a conflict) for the next replace. */
  failNextReplace?: Error;

  constructor(...jobs: Job[]) {
    for (const job of jobs) this.put(job);
  }

  put(job: Job): StoredJob {
    const stored = { job, etag: `W/"${++this.version}"` };
    this.rows.set(job.id, stored);
    return stored;
  }

  row(id: string): StoredJob | undefined {
    return this.rows.get(id);
  }

  /** Changes another writer makes just before our next replaces (the default) or reads. */
  interfere(changes: Interference[], before: 'get' | 'replace' = 'replace'): void {
    this.interferences[before].push(...changes);
  }

  private applyInterference(call: 'get' | 'replace', id: string): void {
    const other = this.interferences[call].shift();
    const current = this.rows.get(id);
    if (!other || !current) return;
    const changed = other(current.job);
    if (changed) this.put(changed);
    else this.rows.delete(id);
  }

  get(id: string): Promise<StoredJob | undefined> {
    this.calls.push('get');
    this.applyInterference('get', id);
    return Promise.resolve(this.rows.get(id));
  }

  replace(job: Job, etag: string): Promise<StoredJob> {
    this.calls.push('replace');
    if (this.failNextReplace) {
      const error = this.failNextReplace;
      this.failNextReplace = undefined;
      return Promise.reject(error);
    }
    this.applyInterference('replace', job.id);
    const now = this.rows.get(job.id);
    if (!now) return Promise.reject(Object.assign(new Error('Not Found'), { statusCode: 404 }));
    if (now.etag !== etag) return Promise.reject(Object.assign(new Error('Precondition Failed'), { statusCode: 412 }));
    return Promise.resolve(this.put(job));
  }
}

export const AT = '2030-01-02T03:04:05.000Z';
export const CREATED = '2030-01-01T00:00:00.000Z';

/** A job as the tests start from: two checkpoints written, an earlier attempt's error recorded. */
export function aJob(fields: Partial<Job> = {}): Job {
  return {
    id: 'a'.repeat(32),
    kind: 'bake',
    status: 'running',
    tokenHashes: ['hash-1'],
    createdAt: CREATED,
    updatedAt: CREATED,
    input: { inline: '{"flavor":"lemon"}' },
    state: { inline: '{"baked":2}' },
    progress: 20,
    step: 2,
    runnerId: 'runner-0',
    cancelRequested: false,
    lastError: 'Error: boom',
    failedAttempts: 2,
    ...fields,
  };
}

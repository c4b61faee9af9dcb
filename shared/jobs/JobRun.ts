import { randomBytes } from 'node:crypto';
import { isTerminal, type Job } from '../model/Job';
import { JobStop } from './JobStop';
import type { JobStore, StoredJob } from '../storage/JobStore';
import { isConflict } from '../storage/storageErrors';

/**
 * One invocation's hold on a job row: every write is ETag-conditional and serialised. A lost race
 * re-reads the row and decides: someone ended the job -> ended; another invocation advanced it ->
 * superseded; a
 * cancel was requested -> cancelled; anything else (a replay's token, say) -> apply again on top.
 */
export class JobRun {
  readonly runnerId = randomBytes(8).toString('hex');
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: JobStore,
    private stored: StoredJob,
  ) {}

  get job(): Job {
    return this.stored.job;
  }

  /**
   * Writes `change(current job)`. With `final`, a requested cancel does not stop the write
   * (the change is the ending itself).
   */
  commit(change: (job: Job) => Job, options: { final?: boolean } = {}): Promise<Job> {
    const next = this.chain.then(() => this.write(change, options.final ?? false));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async write(change: (job: Job) => Job, final: boolean): Promise<Job> {
    for (;;) {
      if (!final && this.stored.job.cancelRequested) throw new JobStop('cancelled');
      try {
        this.stored = await this.store.replace(change(this.stored.job), this.stored.etag);
        return this.stored.job;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
      const fresh = await this.store.get(this.stored.job.id);
      if (!fresh) throw new JobStop('superseded');
      if (isTerminal(fresh.job.status)) throw new JobStop('ended', fresh.job);
      const advancedByOther = fresh.job.runnerId !== this.runnerId && fresh.job.step > this.stored.job.step;
      if (advancedByOther) throw new JobStop('superseded');
      this.stored = fresh;
    }
  }
}

import { randomBytes } from 'node:crypto';
import type { Job } from '../../model/Job';
import type { StoredJob } from '../../storage/JobStore';
import { nextJob, type JobTransition } from './nextJob';
import { writeJob, type JobRows } from './writeJob';
import { decideAfterConflict } from './decideAfterConflict';
import type { RunStop } from './JobStop';

/** What a run's write came to: the row holds `job` now, or the run must stop. */
export type Commit = { readonly kind: 'committed'; readonly job: Job } | { readonly kind: 'stopped'; readonly stop: RunStop };

/**
 * A requested cancel stops the run's own progress (running mark, checkpoint, success); the
 * endings without a result and an attempt's error record are written anyway.
 */
function yieldsToCancel(transition: JobTransition): boolean {
  return transition.type === 'markRunning' || transition.type === 'checkpoint' || transition.type === 'succeed';
}

/** A job that moves to running keeps when it started (an existing write carries it: no storage call). */
function withStart(job: Job | undefined, startedAt: string): Job | undefined {
  return job && job.status === 'running' && job.startedAt === undefined ? { ...job, startedAt } : job;
}

/**
 * One invocation's hold on a job row: its transitions are written one after another (the running
 * mark's timer may fire during a checkpoint) through the one conditional writer, and a lost race
 * is settled by {@link decideAfterConflict}.
 */
export class JobRun {
  readonly runnerId = randomBytes(8).toString('hex');
  private chain: Promise<unknown> = Promise.resolve();
  /** When this invocation began: written as the job's startedAt with its first move to running. */
  private readonly startedAt: string;

  constructor(
    private readonly store: JobRows,
    private stored: StoredJob,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.startedAt = now();
  }

  get job(): Job {
    return this.stored.job;
  }

  /** This runner's result blob: the runner in the name, so a duplicate run never overwrites what the winner's row points at. */
  get resultBlobName(): string {
    return `jobs/${this.job.id}/result-${this.runnerId}.json`;
  }

  /** Writes `transition` after the run's earlier writes. Storage errors other than a lost race are thrown. */
  commit(transition: JobTransition): Promise<Commit> {
    const next = this.chain.then(() => this.write(transition));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async write(transition: JobTransition): Promise<Commit> {
    const yields = yieldsToCancel(transition);
    if (yields && this.stored.job.cancelRequested) return { kind: 'stopped', stop: { reason: 'cancelled' } };
    const at = this.now();
    const written = await writeJob(
      this.store,
      this.stored,
      (job) => withStart(nextJob(job, transition, at), this.startedAt),
      (fresh, stale) => {
        const stop = decideAfterConflict(stale.job, fresh.job, this.runnerId, yields);
        // The run goes on from the fresh row when it writes again, or when it stops for a cancel
        // (its cancelled ending is written over that row); never over another runner's row.
        if (!stop || stop.reason === 'cancelled') this.stored = fresh;
        return stop;
      },
    );
    switch (written.kind) {
      case 'written':
      case 'unchanged':
        this.stored = written.stored;
        return { kind: 'committed', job: written.stored.job };
      case 'missing':
        return { kind: 'stopped', stop: { reason: 'superseded' } };
      case 'stopped':
        return { kind: 'stopped', stop: written.stop };
    }
  }
}

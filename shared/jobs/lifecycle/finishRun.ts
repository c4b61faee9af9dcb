import type { PayloadStore } from '../../storage/PayloadStore';
import type { JobQueue } from '../../storage/JobQueue';
import type { JobTransition } from './nextJob';
import type { JobRun } from './JobRun';
import type { RunStep } from './RunStep';
import type { RunOutcome } from './RunOutcome';

/** The stores the last step writes to besides the job's row. */
export interface FinishStores {
  readonly payloads: Pick<PayloadStore, 'put'>;
  readonly queue: Pick<JobQueue, 'enqueue'>;
}

type Ending = Extract<JobTransition, { type: 'succeed' | 'fail' | 'endCancelled' }>;

/** Writes the job's end. A success stopped by a requested cancel ends the job cancelled instead. */
async function endJob(run: JobRun, ending: Ending): Promise<RunOutcome> {
  const commit = await run.commit(ending);
  if (commit.kind === 'committed') return { kind: 'ended', job: commit.job };
  switch (commit.stop.reason) {
    case 'cancelled':
      return endJob(run, { type: 'endCancelled' });
    case 'ended':
      return { kind: 'alreadyEnded', job: commit.stop.job };
    default:
      return { kind: 'skipped', reason: 'superseded' };
  }
}

/**
 * The worker's last step: what the run came to, written. A zero-work job goes from queued to its
 * terminal state in this one write; a used-up slice re-enqueues the job instead.
 */
export async function finishRun(stores: FinishStores, run: JobRun, step: RunStep): Promise<RunOutcome> {
  switch (step.kind) {
    case 'succeeded': {
      const result = 'stored' in step ? step.stored : await stores.payloads.put(run.resultBlobName, JSON.stringify(step.output));
      return endJob(run, { type: 'succeed', result });
    }
    case 'failed':
      return endJob(run, { type: 'fail', failure: step.failure });
    case 'cancelled':
      return endJob(run, { type: 'endCancelled' });
    case 'sliceEnded':
      await stores.queue.enqueue({ jobId: run.job.id });
      return { kind: 'continued' };
    case 'superseded':
      return { kind: 'skipped', reason: 'superseded' };
    case 'ended':
      return { kind: 'alreadyEnded', job: step.job };
  }
}

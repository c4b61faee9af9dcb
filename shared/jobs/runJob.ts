import type { JobKind } from './defineJob';
import { isTerminal, type Job } from '../model/Job';
import { toErrorMessage } from '../model/errors';
import type { JobStores } from '../storage/JobStores';
import type { JobSnapshot } from '../storage/JobStore';
import { JobRun } from './lifecycle/JobRun';
import { checkBeforeRun } from './lifecycle/checkBeforeRun';
import { executeJob, type ExecuteOptions } from './lifecycle/executeJob';
import { finishRun } from './lifecycle/finishRun';
import { createScratchStore, scratchPrefix } from './lifecycle/createScratchStore';
import { logEvent } from '../telemetry/logEvent';
import type { RunOutcome } from './lifecycle/RunOutcome';

export type { RunOutcome } from './lifecycle/RunOutcome';

export interface RunOptions extends ExecuteOptions {
  readonly kinds: readonly JobKind[];
  /** The message's dequeue count (1 on the first attempt), recorded with an unexpected error. */
  readonly attempt?: number;
  /**
   * The row as inserted, from a new job's message: used instead of a read on the first attempt.
   * A job cancelled before its worker came may then run until its first write (a checkpoint or its
   * end), which finds the row changed (412) and stops; its result is discarded.
   */
  readonly snapshot?: JobSnapshot;
}

/**
 * The worker's pipeline for one message, each step returning what it came to:
 * load -> checkBeforeRun (end at once: cancelled, timed out, kind not served | run) -> executeJob
 * -> finishRun (the end written, or the job re-enqueued). A zero-work job goes from queued to its
 * terminal state in one write. Unexpected errors are recorded on the row and rethrown, so the host
 * retries and finally moves the message to the poison queue.
 */
export async function runJob(stores: JobStores, jobId: string, options: RunOptions): Promise<RunOutcome> {
  const stored = options.snapshot ? stores.jobs.fromSnapshot(jobId, options.snapshot) : await stores.jobs.get(jobId);
  if (!stored) return { kind: 'skipped', reason: 'missing' };
  if (isTerminal(stored.job.status)) return { kind: 'alreadyEnded', job: stored.job };
  const run = new JobRun(stores.jobs, stored);
  try {
    const first = checkBeforeRun(stored.job, options.kinds, Date.now());
    const scratch = createScratchStore(stores.payloads, run);
    const step = first.kind === 'run' ? await executeJob(stores.payloads, run, first.jobKind, { ...options, scratch }) : first;
    const outcome = await finishRun(stores, run, step);
    if (outcome.kind === 'ended' && scratch.used) await deleteScratch(stores, outcome.job);
    return outcome;
  } catch (error) {
    // Recorded for the poison handler's message; if even this write fails, the original error
    // is what the host must see, so the recording failure is dropped in favour of rethrowing.
    await run.commit({ type: 'recordAttemptError', message: toErrorMessage(error), attempt: options.attempt ?? 1 }).catch(() => undefined);
    throw error;
  }
}

/**
 * Once this invocation wrote the job's end, the scratch it used has served: its blobs are deleted.
 * A failure to delete is only logged: retention deletes them with the job (its whole folder), and
 * the end is already written. A job ended by an invocation that did not touch scratch (a cancel
 * seen before its work) keeps them until then too.
 */
async function deleteScratch(stores: JobStores, job: Job): Promise<void> {
  try {
    await stores.payloads.deleteAll(scratchPrefix(job.id));
  } catch (error) {
    logEvent('warn', 'job.scratchKept', { jobId: job.id, kind: job.kind, error: toErrorMessage(error) });
  }
}

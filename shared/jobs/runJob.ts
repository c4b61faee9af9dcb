import type { JobKind, JobContext } from './defineJob';
import { isTerminal, type Job } from '../model/Job';
import { CANCELLED, kindFailure, unexpectedFailure, type JobFailure } from '../model/JobFailure';
import { JobError, toErrorMessage } from '../model/errors';
import { JobRun } from './JobRun';
import { JobStop, isJobStop } from './JobStop';
import type { JobStores } from '../storage/JobStores';
import type { JobSnapshot } from '../storage/JobStore';

/** How one worker invocation ended for its job. */
export type RunOutcome =
  | { readonly kind: 'ended'; readonly job: Job }
  | { readonly kind: 'continued' }
  | { readonly kind: 'skipped'; readonly reason: 'missing' | 'superseded' }
  /** The job was already terminal: a redelivered message (its after-end steps may need finishing). */
  | { readonly kind: 'alreadyEnded'; readonly job: Job };

export interface RunOptions {
  readonly kinds: readonly JobKind[];
  /** The invocation yields at its next checkpoint after this many seconds. */
  readonly sliceSeconds: number;
  /** A run that lasts longer than this is marked `running` before its first checkpoint. */
  readonly markRunningAfterMs?: number;
  /** The message's dequeue count (1 on the first attempt), recorded with an unexpected error. */
  readonly attempt?: number;
  /**
   * The row as inserted, from a new job's message: used instead of a read on the first attempt.
   * A job cancelled before its worker came may then run until its first write (a checkpoint or its
   * end), which finds the row changed (412) and stops; its result is discarded.
   */
  readonly snapshot?: JobSnapshot;
}

const now = () => new Date().toISOString();

/**
 * The worker's pipeline for one message: load -> (cancel | time out | run) -> end. A zero-work job
 * goes from queued to its terminal state in one write. Unexpected errors are recorded on the row
 * and rethrown, so the host retries and finally moves the message to the poison queue.
 */
export async function runJob(stores: JobStores, jobId: string, options: RunOptions): Promise<RunOutcome> {
  const stored = options.snapshot ? stores.jobs.fromSnapshot(jobId, options.snapshot) : await stores.jobs.get(jobId);
  if (!stored) return { kind: 'skipped', reason: 'missing' };
  if (isTerminal(stored.job.status)) return { kind: 'alreadyEnded', job: stored.job };
  const run = new JobRun(stores.jobs, stored);
  const kind = options.kinds.find((k) => k.name === stored.job.kind);
  try {
    if (!kind) return await end(run, 'failed', unexpectedFailure(`Job kind "${stored.job.kind}" is not served by this app.`));
    if (stored.job.cancelRequested) throw new JobStop('cancelled');
    if (isPastTimeout(stored.job, kind)) throw new JobStop('timedOut');
    const output = await execute(stores, run, kind, options);
    const checked = kind.output.safeParse(output);
    if (!checked.success) return await end(run, 'failed', unexpectedFailure('The job produced a result that does not match its output schema.'));
    // Blob names carry the runner: a duplicate run can never overwrite what the winner's row points at.
    const result = await stores.payloads.put(`jobs/${jobId}/result-${run.runnerId}.json`, JSON.stringify(checked.data));
    return await end(run, 'succeeded', undefined, (job) => ({ ...job, result, progress: 100 }));
  } catch (error) {
    return await settle(stores, run, kind, error, options.attempt);
  }
}

async function settle(stores: JobStores, run: JobRun, kind: JobKind | undefined, error: unknown, attempt = 1): Promise<RunOutcome> {
  if (error instanceof JobError) return end(run, 'failed', kindFailure(error.status, error.message, error.title));
  if (!isJobStop(error)) {
    const message = toErrorMessage(error);
    // Recorded for the poison handler's message; if even this write fails, the original error
    // is what the host must see, so the recording failure is dropped in favour of rethrowing.
    await run
      .commit((job) => ({ ...job, lastError: message.slice(0, 500), failedAttempts: attempt, updatedAt: now() }), { final: true })
      .catch(() => undefined);
    throw error;
  }
  switch (error.reason) {
    case 'cancelled':
      return end(run, 'cancelled', CANCELLED);
    case 'timedOut':
      return end(run, 'failed', unexpectedFailure(`The job ran past its time limit of ${kind?.timeoutSeconds ?? 0} seconds.`, 'Job timed out'));
    case 'sliceEnded':
      await stores.queue.enqueue({ jobId: run.job.id });
      return { kind: 'continued' };
    case 'superseded':
      return { kind: 'skipped', reason: 'superseded' };
    case 'ended':
      return error.job ? { kind: 'alreadyEnded', job: error.job } : { kind: 'skipped', reason: 'superseded' };
  }
}

function isPastTimeout(job: Job, kind: JobKind): boolean {
  return Date.now() - Date.parse(job.createdAt) > kind.timeoutSeconds * 1000;
}

async function end(
  run: JobRun,
  status: 'succeeded' | 'failed' | 'cancelled',
  error: JobFailure | undefined,
  extra: (job: Job) => Job = (job) => job,
): Promise<RunOutcome> {
  try {
    const at = now();
    const job = await run.commit(
      (current) => {
        const { error: _e, lastError: _l, failedAttempts: _a, ...rest } = extra(current);
        return { ...rest, status, updatedAt: at, completedAt: at, ...(error ? { error } : {}) };
      },
      { final: status !== 'succeeded' },
    );
    return { kind: 'ended', job };
  } catch (stop) {
    if (isJobStop(stop) && stop.reason === 'cancelled') return end(run, 'cancelled', CANCELLED);
    if (isJobStop(stop) && stop.reason === 'ended' && stop.job) return { kind: 'alreadyEnded', job: stop.job };
    if (isJobStop(stop)) return { kind: 'skipped', reason: 'superseded' };
    throw stop;
  }
}

/** Runs the kind with its context: checkpoints, cancel signal, time slice, and the running mark. */
async function execute(stores: JobStores, run: JobRun, kind: JobKind, options: RunOptions): Promise<unknown> {
  const started = Date.now();
  const controller = new AbortController();
  const stopWith = (error: unknown) => {
    if (isJobStop(error)) controller.abort(error);
    throw error;
  };
  const input = kind.input.parse(await stores.payloads.json(run.job.input));
  const state = run.job.state ? await stores.payloads.json(run.job.state) : undefined;
  const markTimer = setTimeout(() => {
    run
      .commit((job) => (job.status === 'queued' ? { ...job, status: 'running', runnerId: run.runnerId, updatedAt: now() } : job))
      .catch((error: unknown) => (isJobStop(error) ? controller.abort(error) : undefined));
  }, options.markRunningAfterMs ?? 1000);
  const ctx: JobContext<unknown> = {
    jobId: run.job.id,
    state,
    signal: controller.signal,
    async checkpoint(next, progress) {
      if (controller.signal.aborted) throw controller.signal.reason as Error;
      // A state blob per step and runner: a superseded runner never overwrites the state the row points at.
      const saved = await stores.payloads.put(`jobs/${run.job.id}/state-${run.job.step + 1}-${run.runnerId}.json`, JSON.stringify(next));
      await run
        .commit((job) => ({
          ...job,
          status: 'running',
          state: saved,
          ...(progress !== undefined ? { progress: Math.max(0, Math.min(100, Math.round(progress))) } : {}),
          step: job.step + 1,
          runnerId: run.runnerId,
          updatedAt: now(),
        }))
        .catch(stopWith);
      if (isPastTimeout(run.job, kind)) stopWith(new JobStop('timedOut'));
      if (Date.now() - started > options.sliceSeconds * 1000) stopWith(new JobStop('sliceEnded'));
    },
  };
  try {
    return await kind.run(input, ctx);
  } catch (error) {
    throw isJobStop(controller.signal.reason) ? controller.signal.reason : error;
  } finally {
    clearTimeout(markTimer);
  }
}

import type { JobContext, JobKind, ScratchStore } from '../defineJob';
import { kindFailure, unexpectedFailure } from '../../model/JobFailure';
import { JobError } from '../../model/errors';
import type { PayloadStore } from '../../storage/PayloadStore';
import type { JobRun } from './JobRun';
import { JobStop, isJobStop, type RunStop } from './JobStop';
import type { RunStep } from './RunStep';
import { readJobInput } from '../input/readJobInput';
import { isPastTimeLimit, timeLimitFailure } from './timeLimit';
import { StreamedOutput } from '../output/StreamedOutput';
import { writeStreamedOutput } from '../output/writeStreamedOutput';
import { createScratchStore } from './createScratchStore';

const OUTPUT_MISMATCH = 'The job produced a result that does not match its output schema.';

/** How one invocation runs a kind. */
export interface ExecuteOptions {
  /** The invocation yields at its next checkpoint after this many seconds. */
  readonly sliceSeconds: number;
  /** A run that lasts longer than this is marked `running` before its first checkpoint. */
  readonly markRunningAfterMs?: number;
  /** Where the run keeps its scratch payloads. Default: the job's blobs (createScratchStore). */
  readonly scratch?: ScratchStore;
}

/** A stop the kind's code was unwound by, as the step it leads to. */
function toStep(stop: RunStop, kind: JobKind): RunStep {
  switch (stop.reason) {
    case 'timedOut':
      return { kind: 'failed', failure: timeLimitFailure(kind) };
    case 'ended':
      return { kind: 'ended', job: stop.job };
    default:
      return { kind: stop.reason };
  }
}

/**
 * Runs the kind with its context (checkpoints, cancel signal, time slice, running mark) and says
 * what the run came to. The kind's own code is the only place a stop is thrown (a JobStop from
 * ctx.checkpoint, and the abort reason of ctx.signal): it is caught here and returned as a step.
 * The kind's JobError is its failure; any other error is unexpected and thrown.
 */
export async function executeJob(payloads: Pick<PayloadStore, 'put' | 'json' | 'stream' | 'stage'>, run: JobRun, kind: JobKind, options: ExecuteOptions): Promise<RunStep> {
  const started = Date.now();
  const controller = new AbortController();
  const stop = (reason: RunStop): never => {
    const error = new JobStop(reason);
    controller.abort(error);
    throw error;
  };
  const { input, records } = await readJobInput(payloads, kind, run.job.input);
  const state = run.job.state ? await payloads.json(run.job.state) : undefined;
  const markTimer = setTimeout(() => {
    run
      .commit({ type: 'markRunning', runnerId: run.runnerId })
      .then((commit) => {
        if (commit.kind === 'stopped') controller.abort(new JobStop(commit.stop));
      })
      .catch(() => undefined);
  }, options.markRunningAfterMs ?? 1000);
  const ctx: JobContext<unknown> = {
    jobId: run.job.id,
    state,
    signal: controller.signal,
    records,
    scratch: options.scratch ?? createScratchStore(payloads, run),
    async checkpoint(next, progress, message) {
      if (controller.signal.aborted) throw controller.signal.reason as Error;
      // A state blob per step and runner: a superseded runner never overwrites the state the row points at.
      const saved = await payloads.put(`jobs/${run.job.id}/state-${run.job.step + 1}-${run.runnerId}.json`, JSON.stringify(next));
      // The message rides on the checkpoint's one write: it costs no storage call of its own.
      const commit = await run.commit({
        type: 'checkpoint',
        runnerId: run.runnerId,
        state: saved,
        ...(progress !== undefined ? { progress } : {}),
        ...(typeof message === 'string' ? { message } : {}),
      });
      if (commit.kind === 'stopped') stop(commit.stop);
      if (isPastTimeLimit(run.job, kind, Date.now())) stop({ reason: 'timedOut' });
      if (Date.now() - started > options.sliceSeconds * 1000) stop({ reason: 'sliceEnded' });
    },
  };
  let output: unknown;
  try {
    output = await kind.run(input, ctx);
  } catch (error) {
    // A stop wins over whatever the kind made of it (a kind may wrap the abort in its own error).
    const thrown = isJobStop(controller.signal.reason) ? controller.signal.reason : error;
    if (isJobStop(thrown)) return toStep(thrown.stop, kind);
    if (thrown instanceof JobError) return { kind: 'failed', failure: kindFailure(thrown.status, thrown.message, thrown.title) };
    throw thrown;
  } finally {
    clearTimeout(markTimer);
  }
  if (output instanceof StreamedOutput) {
    const stored = await writeStreamedOutput(kind, output, payloads.stage(run.resultBlobName));
    return stored ? { kind: 'succeeded', stored } : { kind: 'failed', failure: unexpectedFailure(OUTPUT_MISMATCH) };
  }
  const checked = kind.output.safeParse(output);
  if (!checked.success) return { kind: 'failed', failure: unexpectedFailure(OUTPUT_MISMATCH) };
  return { kind: 'succeeded', output: checked.data };
}

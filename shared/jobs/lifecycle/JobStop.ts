import type { Job } from '../../model/Job';

/**
 * Why a run stops before its kind returns.
 * - `cancelled`: a cancel was requested; the job ends cancelled.
 * - `sliceEnded`: the invocation's time slice is used up; the job is re-enqueued and resumes.
 * - `timedOut`: the job ran past its kind's timeoutSeconds; it fails with 424 (an unexpected failure).
 * - `superseded`: another invocation owns the job; this one leaves it alone.
 * - `ended`: someone else ended the job meanwhile (a cancel of a job still marked queued): this
 *   run stops, and the worker still does the job's after-end steps (callback, event).
 */
export type RunStop =
  | { readonly reason: 'cancelled' | 'sliceEnded' | 'timedOut' | 'superseded' }
  | { readonly reason: 'ended'; readonly job: Job };

/**
 * A RunStop as an exception, for the one place where control flow must unwind code that is not
 * ours: the kind's `run`. `ctx.checkpoint` throws it (and it is the abort reason of `ctx.signal`);
 * a job kind must let it propagate. The worker catches it around `kind.run` and goes on with the
 * typed RunStop: everywhere else a stop is a returned value, never thrown.
 */
export class JobStop extends Error {
  constructor(readonly stop: RunStop) {
    super(`job run stopped: ${stop.reason}`);
    this.name = 'JobStop';
  }
}

export function isJobStop(error: unknown): error is JobStop {
  return error instanceof JobStop;
}

import type { Job } from '../model/Job';

/**
 * Why a run stops before its kind returns. Thrown by checkpoints (and used as the abort reason of
 * ctx.signal); a job kind must let it propagate.
 * - `cancelled`: a cancel was requested; the job ends cancelled.
 * - `sliceEnded`: the invocation's time slice is used up; the job is re-enqueued and resumes.
 * - `timedOut`: the job ran past its kind's timeoutSeconds; it fails with 424 (an unexpected failure).
 * - `superseded`: another invocation owns the job; this one leaves it alone.
 * - `ended`: someone else ended the job meanwhile (a cancel of a job still marked queued): this
 *   run stops, and the worker still does the job's after-end steps (callback, event).
 */
export type JobStopReason = 'cancelled' | 'sliceEnded' | 'timedOut' | 'superseded' | 'ended';

export class JobStop extends Error {
  constructor(
    readonly reason: JobStopReason,
    /** The terminal job, for `ended`. */
    readonly job?: Job,
  ) {
    super(`job run stopped: ${reason}`);
    this.name = 'JobStop';
  }
}

export function isJobStop(error: unknown): error is JobStop {
  return error instanceof JobStop;
}

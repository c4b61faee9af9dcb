/**
 * Why a run stops before its kind returns. Thrown by checkpoints (and used as the abort reason of
 * ctx.signal); a job kind must let it propagate.
 * - `cancelled`: a cancel was requested; the job ends cancelled.
 * - `sliceEnded`: the invocation's time slice is used up; the job is re-enqueued and resumes.
 * - `timedOut`: the job ran past its kind's timeoutSeconds; it fails with 500.
 * - `superseded`: another invocation owns the job (or ended it); this one leaves it alone.
 */
export type JobStopReason = 'cancelled' | 'sliceEnded' | 'timedOut' | 'superseded';

export class JobStop extends Error {
  constructor(readonly reason: JobStopReason) {
    super(`job run stopped: ${reason}`);
    this.name = 'JobStop';
  }
}

export function isJobStop(error: unknown): error is JobStop {
  return error instanceof JobStop;
}

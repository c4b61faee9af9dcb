import { isTerminal, MAX_PROGRESS_MESSAGE_LENGTH, type Job, type StoredPayload } from '../../model/Job';
import { CANCELLED, unexpectedFailure, type JobFailure } from '../../model/JobFailure';

/**
 * Everything that changes a job's life, as data. The state machine:
 *
 *   queued ──markRunning / checkpoint──▶ running ──checkpoint──▶ running
 *   queued | running ──succeed──▶ succeeded       (result, progress 100)
 *   queued | running ──fail | poison──▶ failed     (a JobFailure: the kind's 4xx or an unexpected 424)
 *   queued | running ──endCancelled──▶ cancelled   (the worker honours a requested cancel)
 *   queued ──requestCancel | unsubscribe──▶ cancelled at once; running ──▶ running + cancelRequested
 *   queued | running ──recordAttemptError──▶ same status, lastError + failedAttempts
 *
 * A terminal job never changes. Whether a requested cancel stops the worker's own writes is the
 * worker's decision (JobRun), not the machine's.
 */
export type JobTransition =
  /** The worker has run a while without a checkpoint: a queued job shows `running`. */
  | { readonly type: 'markRunning'; readonly runnerId: string }
  /** The kind saved its state (and maybe its progress, clamped to 0..100, and a short message, cut to its limit). */
  | { readonly type: 'checkpoint'; readonly runnerId: string; readonly state: StoredPayload; readonly progress?: number; readonly message?: string }
  | { readonly type: 'succeed'; readonly result: StoredPayload }
  | { readonly type: 'fail'; readonly failure: JobFailure }
  | { readonly type: 'endCancelled' }
  /** The cancel URL (DELETE). */
  | { readonly type: 'requestCancel' }
  /** The webhook action's unsubscribe: a cancel that also withholds the callback. */
  | { readonly type: 'unsubscribe' }
  /** The message went to the poison queue: failed, naming the attempts and the last error. */
  | { readonly type: 'poison'; readonly attempts: number }
  /** A worker attempt failed unexpectedly; the host retries it. Kept for the poison message. */
  | { readonly type: 'recordAttemptError'; readonly message: string; readonly attempt: number };

/** An ending clears what only a live job carries: an earlier failure and the attempt errors. */
function end(job: Job, status: 'succeeded' | 'failed' | 'cancelled', at: string, fields: Partial<Job>): Job {
  const { error: _e, lastError: _l, failedAttempts: _a, ...rest } = job;
  return { ...rest, ...fields, status, updatedAt: at, completedAt: at };
}

/** A cancel from outside: a queued job ends at once (its worker finds it ended); a running one is asked to stop. */
function cancelFromOutside(job: Job, at: string, fields: Partial<Job>): Job {
  if (job.status === 'queued') return { ...job, ...fields, status: 'cancelled', cancelRequested: true, error: CANCELLED, updatedAt: at, completedAt: at };
  return { ...job, ...fields, cancelRequested: true, updatedAt: at };
}

/**
 * The job after `transition` at `at` (ISO time), or undefined when the transition changes nothing
 * (a terminal job, a cancel already requested, a running mark on a job already running).
 * Pure: no clock, no I/O.
 */
export function nextJob(job: Job, transition: JobTransition, at: string): Job | undefined {
  if (isTerminal(job.status)) return undefined;
  switch (transition.type) {
    case 'markRunning':
      return job.status === 'queued' ? { ...job, status: 'running', runnerId: transition.runnerId, updatedAt: at } : undefined;
    case 'checkpoint': {
      const { progress, message } = transition;
      return {
        ...job,
        status: 'running',
        state: transition.state,
        ...(progress !== undefined ? { progress: Math.max(0, Math.min(100, Math.round(progress))) } : {}),
        ...(message !== undefined ? { message: message.slice(0, MAX_PROGRESS_MESSAGE_LENGTH) } : {}),
        step: job.step + 1,
        runnerId: transition.runnerId,
        updatedAt: at,
      };
    }
    case 'succeed':
      return end(job, 'succeeded', at, { result: transition.result, progress: 100 });
    case 'fail':
      return end(job, 'failed', at, { error: transition.failure });
    case 'endCancelled':
      return end(job, 'cancelled', at, { error: CANCELLED });
    case 'requestCancel':
      return job.cancelRequested ? undefined : cancelFromOutside(job, at, {});
    case 'unsubscribe':
      return cancelFromOutside(job, at, { unsubscribed: true });
    case 'poison': {
      const last = job.lastError ? ` Last error: ${job.lastError}` : '';
      return end(job, 'failed', at, { error: unexpectedFailure(`The worker failed ${job.failedAttempts ?? transition.attempts} times.${last}`) });
    }
    case 'recordAttemptError':
      return { ...job, lastError: transition.message.slice(0, 500), failedAttempts: transition.attempt, updatedAt: at };
  }
}

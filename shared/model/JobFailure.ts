import { z } from 'zod';

/**
 * Who ended the job without a result: its kind (a JobError: the input was wrong), the app (an
 * unexpected error, a timeout, a poisoned message, a kind no longer served), or a cancel.
 */
export type JobFailureCause = 'kind' | 'unexpected' | 'cancelled';

/** Why a job failed or was cancelled, as the status URL answers it. */
export interface JobFailure {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** Absent on rows written before it existed: {@link toJobFailure} infers it. */
  readonly cause?: JobFailureCause;
}

/**
 * The status of a failure the kind did not choose: 424 Failed Dependency (RFC 4918 §11.4), the
 * status resource depends on the job, and the job failed.
 */
export const UNEXPECTED_FAILURE_STATUS = 424;

/** What a kind's 408 or 429 becomes: the job failed, the request was fine. */
const KIND_RETRIED_STATUS_REPLACEMENT = 422;

export const CANCELLED: JobFailure = { status: 409, title: 'Job cancelled', detail: 'The job was cancelled.', cause: 'cancelled' };

// NOTE: the engines retry 408, 429 and 5xx (logic-apps-exception-handling: the Default policy
// resends up to 4 times; Power Automate's lasts longer). A failed job is final: its status must
// fail the action on the first poll that sees it, so no failure is ever stored or answered with
// one of those. A kind's own 408/429 becomes 422; everything the kind did not choose becomes 424.
function isRetriedStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The failure of a kind that threw JobError: its own 4xx, except the ones the engines retry. */
export function kindFailure(status: number, detail: string, title = 'Job failed'): JobFailure {
  const final = status >= 400 && status < 500 && !isRetriedStatus(status) ? status : KIND_RETRIED_STATUS_REPLACEMENT;
  return { status: final, title, detail, cause: 'kind' };
}

/** A failure the kind did not choose (an unexpected error, a timeout, a poisoned message): 424. */
export function unexpectedFailure(detail: string, title = 'Job failed'): JobFailure {
  return { status: UNEXPECTED_FAILURE_STATUS, title, detail, cause: 'unexpected' };
}

const storedFailureSchema = z.object({
  status: z.number().int(),
  title: z.string(),
  detail: z.string(),
  cause: z.enum(['kind', 'unexpected', 'cancelled']).optional(),
});

/**
 * A stored failure as the app answers it today, whatever wrote it: rows written before the cause
 * existed say 500 for what is now 424, and a kind's 4xx for its own failure. A cancelled job's
 * failure is always the cancel; a value that does not parse is an unexpected failure.
 */
export function toJobFailure(stored: unknown, jobStatus: string): JobFailure {
  const parsed = storedFailureSchema.safeParse(stored);
  if (jobStatus === 'cancelled') return parsed.success ? { ...parsed.data, status: CANCELLED.status, cause: 'cancelled' } : CANCELLED;
  if (!parsed.success) return unexpectedFailure('The job failed.');
  const { status, title, detail } = parsed.data;
  const cause = parsed.data.cause ?? (status >= 400 && status < 500 ? 'kind' : 'unexpected');
  if (cause === 'kind') return kindFailure(status, detail, title);
  if (cause === 'cancelled') return { status: CANCELLED.status, title, detail, cause };
  return unexpectedFailure(detail, title);
}

/**
 * Thrown by a job kind to fail the job with a 4xx of its choosing (its input was wrong).
 * The job fails at once, without retries, and the status URL answers with this status, except
 * 408 and 429, which the engines would retry: those become 422 (see kindFailure).
 */
export class JobError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(status: number, detail: string, title = 'Job failed') {
    if (!Number.isInteger(status) || status < 400 || status > 499) {
      throw new RangeError(`JobError status must be a 4xx, got ${status}`);
    }
    super(detail);
    this.name = 'JobError';
    this.status = status;
    this.title = title;
  }
}

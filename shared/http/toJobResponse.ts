import type { HttpResponseInit } from '@azure/functions';
import { toEnvelope, type Job } from '../model/Job';
import { toJobFailure, type JobFailureCause } from '../model/JobFailure';
import type { PayloadStore } from '../storage/PayloadStore';
import { toEnvelopeJson, toEnvelopeStream } from '../jobs/toEnvelopeBody';
import { Problem } from '../model/errors';
import { toProblemResponse } from './toProblemResponse';
import { toStatusUrl } from './toStatusUrl';
import { toRetryAfter } from './toRetryAfter';

/**
 * The problem `type` of a job that ended without a result: the kind's own failure (its input was
 * wrong), a failure the kind did not choose (unexpected error, timeout, poisoned message), a cancel.
 * Tag URIs (RFC 4151): they name the types and are not meant to be dereferenced.
 */
export const JOB_PROBLEM_TYPES: Readonly<Record<JobFailureCause, string>> = {
  kind: 'tag:longrun,2026:problems/job-failed-by-kind',
  unexpected: 'tag:longrun,2026:problems/job-failed-unexpectedly',
  cancelled: 'tag:longrun,2026:problems/job-cancelled',
};

/** 202 + Location + Retry-After + envelope: poll `location` again later. */
export function toAcceptedResponse(job: Job, location: string, pollAfterSeconds: number): HttpResponseInit {
  return { status: 202, headers: { Location: location, 'Retry-After': toRetryAfter(pollAfterSeconds) }, jsonBody: toEnvelope(job) };
}

/**
 * The answer for a job as its status URL gives it (ARCHITECTURE.md §3): 202 + Location + Retry-After while
 * queued or running, 200 + envelope when succeeded, the job's problem when failed, 409 when cancelled.
 * `alwaysLocation` adds Location to final answers too (a start that found or waited for the job).
 * NOTE: a failed job answers the kind's own 4xx or 424, never 408, 429 or 5xx: the engines retry
 * those (logic-apps-exception-handling), and a failed job is final on the first poll that sees it.
 * The mapping lives in JobFailure (also applied to rows written when failures were 500).
 */
export async function toJobResponse(
  base: string,
  job: Job,
  token: string,
  options: { pollAfterSeconds: number; payloads: PayloadStore; alwaysLocation?: boolean },
): Promise<HttpResponseInit> {
  const location = toStatusUrl(base, job.id, token);
  const locationHeader: Record<string, string> = options.alwaysLocation ? { Location: location } : {};
  switch (job.status) {
    case 'queued':
    case 'running':
      return toAcceptedResponse(job, location, options.pollAfterSeconds);
    case 'succeeded':
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json', ...locationHeader },
        // A result kept inline is answered as text (a length, no stream to pipe); one in a blob is streamed.
        body: job.result && 'blob' in job.result ? await toEnvelopeStream(job, options.payloads) : await toEnvelopeJson(job, options.payloads),
      };
    case 'failed':
    case 'cancelled': {
      const failure = toJobFailure(job.error, job.status);
      const problem = new Problem(failure.status, failure.detail, {
        type: JOB_PROBLEM_TYPES[failure.cause ?? 'unexpected'],
        title: failure.title,
        headers: locationHeader,
      });
      const response = toProblemResponse(problem);
      return { ...response, jsonBody: { ...(response.jsonBody as object), job: toEnvelope({ ...job, error: failure }) } };
    }
  }
}


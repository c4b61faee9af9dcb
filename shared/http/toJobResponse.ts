import type { HttpResponseInit } from '@azure/functions';
import { isTerminal, toEnvelope, type Job } from '../model/Job';
import { toJobFailure, type JobFailureCause } from '../model/JobFailure';
import { findJobKind } from '../jobs/catalog';
import type { PayloadStore } from '../storage/PayloadStore';
import { toEnvelopeStream } from '../jobs/toEnvelopeBody';
import { Problem } from '../model/errors';
import { toProblemResponse } from './toProblemResponse';
import { toAbsoluteUrl, toRetryAfter } from './toAbsoluteUrl';

/**
 * The status URL of a job under the public base (toPublicBaseUrl): it authorises itself with the
 * job's token (Power Automate drops auth on polls).
 */
export function toStatusUrl(base: string, jobId: string, token: string): string {
  return toAbsoluteUrl(base, `jobs/${jobId}`, { token });
}

/** Where a cancel's 202 points: it authorises itself with the same token as the status URL. */
export function toCancellationUrl(base: string, jobId: string, token: string): string {
  return toAbsoluteUrl(base, `jobs/${jobId}/cancellation`, { token });
}

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
 * The answer for a job as its status URL gives it (DESIGN §3): 202 + Location + Retry-After while
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
        body: await toEnvelopeStream(job, options.payloads),
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

/**
 * The answer of a cancel (DELETE on the status URL) and of the cancellation URL it points at:
 * 202 + Location (the cancellation URL) + Retry-After while the job is not terminal, 200 + envelope
 * once it is, whether the cancel ended it or it had already ended otherwise. The engine follows a
 * NOTE: the engine follows any 202 + Location, polling until an answer is not 202, and fails the
 * action on a 4xx (logic-apps-create-api-app). The status URL answers 409 for a cancelled job, so
 * the cancel points at a URL of its own, which ends 2xx. A pending cancel ends at the job's next
 * checkpoint: Retry-After is the kind's poll interval, at most 5 s.
 */
export function toCancellationResponse(base: string, job: Job, token: string): HttpResponseInit {
  if (isTerminal(job.status)) return { status: 200, jsonBody: toEnvelope(job) };
  const pollAfterSeconds = Math.min(findJobKind(job.kind)?.pollAfterSeconds ?? 5, 5);
  return toAcceptedResponse(job, toCancellationUrl(base, job.id, token), pollAfterSeconds);
}

/**
 * The answer to a POST that created (or found) a job: what the status URL would answer, with
 * Location. NOTE: never 408, 429 or 5xx once the job exists: the engines retry those
 * (logic-apps-exception-handling), and a retried start without Idempotency-Key is a second job.
 * So when reading the job's final state fails (waiting for it, or its result's blob), the answer
 * is 202 + Location, and the status URL tells the rest.
 */
export async function toStartResponse(
  base: string,
  started: { readonly job: Job; readonly token: string },
  options: { pollAfterSeconds: number; payloads: PayloadStore; settle?: () => Promise<Job>; onError?: (error: unknown) => void },
): Promise<HttpResponseInit> {
  try {
    const job = options.settle ? await options.settle() : started.job;
    return await toJobResponse(base, job, started.token, { ...options, alwaysLocation: true });
  } catch (error) {
    options.onError?.(error);
    return toAcceptedResponse(started.job, toStatusUrl(base, started.job.id, started.token), options.pollAfterSeconds);
  }
}

import type { HttpResponseInit } from '@azure/functions';
import { findJobKind } from '../jobs/catalog';
import { isTerminal, toEnvelope, type Job } from '../model/Job';
import { toCancellationUrl } from './toCancellationUrl';
import { toAcceptedResponse } from './toJobResponse';

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

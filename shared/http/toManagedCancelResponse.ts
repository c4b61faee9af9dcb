import type { HttpResponseInit } from '@azure/functions';
import { findJobKind } from '../jobs/catalog';
import { isTerminal, toEnvelope, type Job } from '../model/Job';
import { toAbsoluteUrl } from './toAbsoluteUrl';
import { toRetryAfter } from './toRetryAfter';
import { JOB_LIST_PATH } from './toJobListResponse';

/**
 * The answer of the management cancel, as the token cancel answers (toCancellationResponse):
 * 200 + envelope once the job is terminal, 202 + envelope while the cancel is pending, with
 * Location on the management view of the job (`GET /api/manage/jobs/{id}`) and Retry-After.
 */
export function toManagedCancelResponse(base: string, job: Job): HttpResponseInit {
  if (isTerminal(job.status)) return { status: 200, jsonBody: toEnvelope(job) };
  const pollAfterSeconds = Math.min(findJobKind(job.kind)?.pollAfterSeconds ?? 5, 5);
  return {
    status: 202,
    headers: { Location: toAbsoluteUrl(base, `${JOB_LIST_PATH}/${job.id}`), 'Retry-After': toRetryAfter(pollAfterSeconds) },
    jsonBody: toEnvelope(job),
  };
}

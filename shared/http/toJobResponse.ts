import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Job } from '../jobs/Job';
import type { PayloadStore } from '../storage/PayloadStore';
import { toEnvelope } from '../jobs/Job';
import { toEnvelopeStream } from '../jobs/toEnvelopeBody';
import { Problem } from './Problem';
import { toProblemResponse } from './toProblemResponse';
import { toAbsoluteUrl, toRetryAfter } from './toAbsoluteUrl';

/** The status URL of a job: it authorises itself with the job's token (Power Automate drops auth on polls). */
export function toStatusUrl(request: Pick<HttpRequest, 'url' | 'headers'>, jobId: string, token: string): string {
  return toAbsoluteUrl(request, `jobs/${jobId}`, { token });
}

/**
 * The answer for a job as its status URL gives it (DESIGN §3): 202 + Location + Retry-After while
 * queued or running, 200 + envelope when succeeded, the job's problem when failed, 409 when cancelled.
 * `alwaysLocation` adds Location to final answers too (a start that found or waited for the job).
 */
export async function toJobResponse(
  request: Pick<HttpRequest, 'url' | 'headers'>,
  job: Job,
  token: string,
  options: { pollAfterSeconds: number; payloads: PayloadStore; alwaysLocation?: boolean },
): Promise<HttpResponseInit> {
  const location = toStatusUrl(request, job.id, token);
  const locationHeader: Record<string, string> = options.alwaysLocation ? { Location: location } : {};
  switch (job.status) {
    case 'queued':
    case 'running':
      return {
        status: 202,
        headers: { Location: location, 'Retry-After': toRetryAfter(options.pollAfterSeconds) },
        jsonBody: toEnvelope(job),
      };
    case 'succeeded':
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json', ...locationHeader },
        body: await toEnvelopeStream(job, options.payloads),
      };
    case 'failed':
    case 'cancelled': {
      const failure = job.error ?? { status: job.status === 'cancelled' ? 409 : 500, title: 'Job failed', detail: 'The job failed.' };
      const status = job.status === 'cancelled' ? 409 : failure.status;
      const response = toProblemResponse(new Problem(status, failure.detail, { title: failure.title, headers: locationHeader }));
      return { ...response, jsonBody: { ...(response.jsonBody as object), job: toEnvelope(job) } };
    }
  }
}

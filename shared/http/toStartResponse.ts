import type { HttpResponseInit } from '@azure/functions';
import type { Job } from '../model/Job';
import type { PayloadStore } from '../storage/PayloadStore';
import { toAcceptedResponse, toJobResponse } from './toJobResponse';
import { toStatusUrl } from './toStatusUrl';

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

import { isTerminal, type Job } from './Job';
import { CANCELLED } from './JobFailure';
import { updateJob } from './updateJob';
import { toSubscriptionJobId } from './toSubscriptionJobId';
import type { Subscriber } from '../http/readSubscriber';
import type { JobStores } from '../storage/getStores';

/** What unsubscribe did: cancelled a running job, left a finished one, found none, or could not tell which. */
export type UnsubscribeOutcome = 'cancelled' | 'finished' | 'unknown' | 'ambiguous';

/**
 * The webhook action's unsubscribe: finds the job by its callback URL or, without one, by the
 * workflow headers. A job still queued or running is cancelled and marked unsubscribed (it gets no
 * callback); a finished one is left as it is (unsubscribe also arrives after success).
 * NOTE: inside a loop every iteration sends the same headers; when they name more than one job,
 * nothing is cancelled: a stray callback is harmless, a wrongly cancelled iteration would hang its run.
 */
export async function unsubscribeJob(
  stores: JobStores,
  kind: string,
  by: { callbackUrl?: string; subscriber?: Subscriber },
): Promise<UnsubscribeOutcome> {
  let jobId: string | undefined;
  if (by.callbackUrl) jobId = toSubscriptionJobId(kind, by.callbackUrl);
  else if (by.subscriber) {
    const ids = await stores.subscribers.find(kind, by.subscriber.workflowRunId, by.subscriber.operationName);
    if (ids.length > 1) return 'ambiguous';
    jobId = ids[0];
  }
  if (!jobId) return 'unknown';
  let outcome: UnsubscribeOutcome = 'unknown';
  await updateJob(stores.jobs, jobId, (job): Job | undefined => {
    if (isTerminal(job.status)) {
      outcome = 'finished';
      return undefined;
    }
    outcome = 'cancelled';
    const at = new Date().toISOString();
    const ended = job.status === 'queued' ? { status: 'cancelled' as const, error: CANCELLED, completedAt: at } : {};
    return { ...job, ...ended, cancelRequested: true, unsubscribed: true, updatedAt: at };
  });
  return outcome;
}

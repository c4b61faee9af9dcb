import { nextJob } from './lifecycle/nextJob';
import { writeJob } from './lifecycle/writeJob';
import { toCallbackUrlHash, toSubscriptionJobId } from './toSubscriptionJobId';
import { toSubscriptionScope } from './subscribeWebhookJob';
import type { Subscriber } from '../model/WorkflowIdentity';
import type { JobStores } from '../storage/JobStores';

/** What unsubscribe did: cancelled a running job, left a finished one, found none, or could not tell which. */
export type UnsubscribeOutcome = 'cancelled' | 'finished' | 'unknown' | 'ambiguous';

/**
 * The webhook action's unsubscribe: finds the job by its callback URL or, without one, by the
 * workflow headers. A job still queued or running is cancelled and marked unsubscribed (it gets no
 * callback); a finished one is left as it is (unsubscribe also arrives after success).
 */
export async function unsubscribeJob(
  stores: JobStores,
  kind: string,
  by: { callbackUrl?: string; subscriber?: Subscriber },
): Promise<UnsubscribeOutcome> {
  let jobId: string | undefined;
  if (by.callbackUrl) {
    // The URL's claim names the job; a job subscribed before ids were time-ordered has the id derived from the URL.
    const claim = await stores.idempotency.find(toSubscriptionScope(kind), toCallbackUrlHash(by.callbackUrl));
    jobId = claim?.id ?? toSubscriptionJobId(kind, by.callbackUrl);
  } else if (by.subscriber) {
    const found = await findBySubscriber(stores, kind, by.subscriber);
    if (found.ambiguous) return 'ambiguous';
    jobId = found.jobId;
  }
  if (!jobId) return 'unknown';
  const at = new Date().toISOString();
  const written = await writeJob(stores.jobs, jobId, (job) => nextJob(job, { type: 'unsubscribe' }, at));
  if (written.kind === 'missing') return 'unknown';
  return written.kind === 'written' ? 'cancelled' : 'finished';
}

/**
 * The one job the headers name. NOTE: the documented pair comes first: the engine identifies the
 * subscriber to unsubscribe by `x-ms-client-tracking-id` and `x-ms-workflow-operation-name`
 * (connectors-native-webhook); then the run id with the operation name, for a client tracking id
 * that several runs share or an unsubscribe that lacks it.
 * NOTE: inside a loop every iteration sends the same headers; when they name more than one job,
 * nothing is cancelled: a stray callback is harmless, a wrongly cancelled iteration would hang its run.
 */
async function findBySubscriber(stores: JobStores, kind: string, subscriber: Subscriber): Promise<{ jobId?: string; ambiguous: boolean }> {
  let ambiguous = false;
  for (const id of new Set([subscriber.clientTrackingId, subscriber.workflowRunId])) {
    if (!id) continue;
    const ids = await stores.subscribers.find(kind, id, subscriber.operationName);
    if (ids.length === 1 && ids[0]) return { jobId: ids[0], ambiguous: false };
    if (ids.length > 1) ambiguous = true;
  }
  return { ambiguous };
}

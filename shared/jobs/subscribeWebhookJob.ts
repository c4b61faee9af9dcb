import type { JobKind } from './defineJob';
import { startJob, type StartedJob } from './startJob';
import { toCallbackUrlHash, toSubscriptionJobId } from './toSubscriptionJobId';
import type { Subscriber } from '../http/readSubscriber';
import type { JobStores } from '../storage/getStores';

/**
 * The webhook action's subscribe: the polling start plus the stored callback, under an id derived
 * from the callback URL (Logic Apps may subscribe again: it finds the same job), and the workflow
 * headers indexed so an unsubscribe without a body can find the job.
 */
export async function subscribeWebhookJob(
  stores: JobStores,
  request: { kind: JobKind; input: unknown; callbackUrl: string; subscriber: Subscriber | undefined; maxBacklog: number },
): Promise<StartedJob> {
  const { kind, callbackUrl, subscriber } = request;
  const started = await startJob(stores, {
    kind,
    inputJson: JSON.stringify(request.input),
    jobId: toSubscriptionJobId(kind.name, callbackUrl),
    callback: { url: callbackUrl, urlHash: toCallbackUrlHash(callbackUrl), ...subscriber },
    maxBacklog: request.maxBacklog,
  });
  if (subscriber) await stores.subscribers.add(kind.name, subscriber.workflowRunId, subscriber.operationName, started.stored.job.id);
  return started;
}

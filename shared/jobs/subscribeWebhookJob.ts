import type { JobKind } from './defineJob';
import { startJob, type StartedJob } from './startJob';
import { toCallbackUrlHash, toSubscriptionJobId } from './toSubscriptionJobId';
import type { Subscriber } from '../model/WorkflowIdentity';
import type { JobStores } from '../storage/JobStores';

/**
 * The webhook action's subscribe: the polling start plus the stored callback, under an id derived
 * from the callback URL (Logic Apps may subscribe again: it finds the same job), and the workflow
 * headers indexed so an unsubscribe without a body can find the job: under the client tracking id
 * and under the run id, each with the operation name. All five workflow headers are kept, sealed
 * with the callback, for operators.
 */
export async function subscribeWebhookJob(
  stores: JobStores,
  request: { kind: JobKind; input: unknown; callbackUrl: string; subscriber: Subscriber | undefined; maxBacklog: number },
): Promise<StartedJob> {
  const { kind, callbackUrl, subscriber } = request;
  const jobId = toSubscriptionJobId(kind.name, callbackUrl);
  // The index first (the id is known in advance): a crash after the start cannot leave the job unfindable.
  if (subscriber) await stores.subscribers.add(kind.name, [subscriber.clientTrackingId, subscriber.workflowRunId], subscriber.operationName, jobId);
  return startJob(stores, {
    kind,
    inputJson: JSON.stringify(request.input),
    jobId,
    callback: { url: callbackUrl, urlHash: toCallbackUrlHash(callbackUrl), ...subscriber },
    maxBacklog: request.maxBacklog,
  });
}

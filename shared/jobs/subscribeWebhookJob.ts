import type { JobKind } from './defineJob';
import { newJobId } from './newJobId';
import { startJob, toStartRequestHash, type StartedJob } from './startJob';
import { toCallbackUrlHash } from './toSubscriptionJobId';
import type { Subscriber, WorkflowIdentity } from '../model/WorkflowIdentity';
import type { JobStores } from '../storage/JobStores';

/** The idempotency scope of a webhook action's claim on its callback URL (keyed by the URL's hash). */
export function toSubscriptionScope(kind: string): string {
  return `subscribe:${kind}`;
}

/**
 * The webhook action's subscribe: the polling start plus the stored callback. Its job id is
 * time-ordered like every job's (ARCHITECTURE.md §4); the callback URL claims it first (one insert
 * in the idempotency table, keyed by the URL's hash), so Logic Apps' repeated subscribe finds the
 * same job. The workflow headers are indexed so an unsubscribe without a body can find the job:
 * under the client tracking id and under the run id, each with the operation name; they are also
 * recorded in clear on the job (lists, logs) and sealed with the callback.
 */
export async function subscribeWebhookJob(
  stores: JobStores,
  request: { kind: JobKind; input: unknown; callbackUrl: string; subscriber: Subscriber | undefined; workflow?: WorkflowIdentity; maxBacklog: number },
): Promise<StartedJob> {
  const { kind, callbackUrl, subscriber } = request;
  const inputJson = JSON.stringify(request.input);
  const urlHash = toCallbackUrlHash(callbackUrl);
  const candidate = newJobId();
  const prior = await stores.idempotency.claim(toSubscriptionScope(kind.name), urlHash, { id: candidate, requestHash: toStartRequestHash(kind.name, inputJson) });
  // A claim without its job (the first subscribe failed after claiming) is adopted: the job is created under its id.
  const jobId = prior?.id ?? candidate;
  // The index before the start: a crash after the start cannot leave the job unfindable.
  if (subscriber) await stores.subscribers.add(kind.name, [subscriber.clientTrackingId, subscriber.workflowRunId], subscriber.operationName, jobId);
  return startJob(stores, {
    kind,
    inputJson,
    jobId,
    callback: { url: callbackUrl, urlHash, ...subscriber },
    ...(request.workflow ? { workflow: request.workflow } : {}),
    maxBacklog: request.maxBacklog,
  });
}

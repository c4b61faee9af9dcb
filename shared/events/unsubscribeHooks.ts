import type { WorkflowIdentity } from '../model/WorkflowIdentity';
import { chooseUnsubscribed } from './chooseUnsubscribed';
import { findHooksByWorkflow } from './findHooksByWorkflow';
import type { HookDeps } from './HookCounts';
import { toUrlKey } from './toUrlKey';

/** What an unsubscribe names: the callback URL when its body gives one, and the caller's workflow headers. */
export interface UnsubscribeRequest {
  readonly callbackUrl?: string;
  readonly workflow: WorkflowIdentity;
}

/**
 * The Logic Apps HttpWebhook trigger's unsubscribe: finds the subscriptions by the callback URL
 * when the body gives one, else by the workflow headers (findHooksByWorkflow), and removes those
 * chooseUnsubscribed picks. Returns how many this call removed; one already gone is not counted.
 */
export async function unsubscribeHooks({ hooks: store, hookCounts }: HookDeps, topic: string, request: UnsubscribeRequest): Promise<number> {
  const found =
    request.callbackUrl !== undefined
      ? await store.listByUrl(topic, toUrlKey(topic, request.callbackUrl))
      : await findHooksByWorkflow(store, topic, request.workflow);
  let removed = 0;
  for (const { hook } of chooseUnsubscribed(found)) if (await store.delete(topic, hook.id)) removed++;
  if (removed > 0) hookCounts.forget(topic);
  return removed;
}

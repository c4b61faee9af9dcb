import type { WorkflowHeaders } from './WorkflowHeaders';
import type { HookStore, StoredHook, WorkflowMatch } from '../storage/HookStore';

/**
 * The subscriptions an unsubscribe's workflow headers name, by the first of these pairs that the
 * request carries and that finds any: client tracking id + operation name, then run id + operation
 * name, then workflow name + operation name. Where both sides carry `x-ms-workflow-id` it must be
 * equal (two workflows of one name in different resource groups differ there).
 * NOTE: connectors-native-webhook ("Add an HTTP Webhook trigger", Unsubscribe - Body) documents
 * that the HTTP Webhook trigger's unsubscribe cannot use listCallbackUrl() and that the trigger
 * sends `x-ms-client-tracking-id` and `x-ms-workflow-operation-name` so that the service can
 * identify the subscriber: hence the first pair. That the subscribe carries the same values, and
 * what a trigger (which has no run) sends as run id and tracking id, is not documented: the other
 * pairs are fallbacks from observed requests.
 */
export async function findHooksByWorkflow(store: HookStore, topic: string, workflow: WorkflowHeaders): Promise<StoredHook[]> {
  const { operationName, clientTrackingId, workflowRunId, workflowName } = workflow;
  if (!operationName) return [];
  const pairs: WorkflowMatch[] = [
    ...(clientTrackingId ? [{ clientTrackingId, operationName }] : []),
    ...(workflowRunId ? [{ workflowRunId, operationName }] : []),
    ...(workflowName ? [{ workflowName, operationName }] : []),
  ];
  for (const match of pairs) {
    const found = (await store.findByWorkflow(topic, match)).filter((s) => sameWorkflow(s.hook.workflow, workflow));
    if (found.length > 0) return found;
  }
  return [];
}

function sameWorkflow(recorded: WorkflowHeaders, given: WorkflowHeaders): boolean {
  return !recorded.workflowId || !given.workflowId || recorded.workflowId === given.workflowId;
}

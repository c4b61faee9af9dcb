import type { WorkflowIdentity } from '../model/WorkflowIdentity';
import type { HookStore, StoredHook, WorkflowMatch } from '../storage/HookStore';

/**
 * The subscriptions an unsubscribe's workflow headers name, by the first of these pairs that the
 * request carries and that finds any: client tracking id + operation name, then run id + operation
 * name, then workflow name + operation name. Where both sides carry `x-ms-workflow-id` it must be
 * equal (two workflows of one name in different resource groups differ there).
 * NOTE, documented: connectors-native-webhook ("Add an HTTP Webhook trigger", row "Unsubscribe -
 * Body") says the trigger's unsubscribe body cannot use listCallbackUrl() and that the trigger itself
 * sends `x-ms-client-tracking-id` and `x-ms-workflow-operation-name`, which the service can use to
 * identify the subscriber: hence the first pair. Not documented: that the subscribe carries the
 * same two values, and what a trigger (its subscribe runs at save, outside any run) sends as run id
 * or tracking id. Observed only: recorded request histories of an `HTTP_Webhook` operation inside a
 * run carry `x-ms-workflow-id`, `-name`, `-run-id`, `-operation-name`, `x-ms-client-tracking-id`
 * (equal to the run id), `x-ms-action-tracking-id` and `x-ms-correlation-id`: the other pairs are
 * fallbacks built on that, and all of them may be missing (`SuppressWorkflowHeaders`).
 */
export async function findHooksByWorkflow(store: HookStore, topic: string, workflow: WorkflowIdentity): Promise<StoredHook[]> {
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

function sameWorkflow(recorded: WorkflowIdentity, given: WorkflowIdentity): boolean {
  return !recorded.workflowId || !given.workflowId || recorded.workflowId === given.workflowId;
}

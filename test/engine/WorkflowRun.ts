import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** Who calls: a workflow, and the run (or, for a trigger, the save) the call belongs to. */
export interface WorkflowRun {
  readonly workflowName: string;
  readonly runId: string;
  /** Defaults to the run id, but a workflow may set its own: tests choose a distinct one. */
  readonly clientTrackingId: string;
}

/** A run with ids shaped like the engine's (`08584…CU17`). */
export function newWorkflowRun(overrides: Partial<WorkflowRun> = {}): WorkflowRun {
  const runId = overrides.runId ?? `0858${Array.from({ length: 25 }, () => randomInt(10)).join('')}CU${String(randomInt(100)).padStart(2, '0')}`;
  return { workflowName: overrides.workflowName ?? `wf-${randomBytes(4).toString('hex')}`, runId, clientTrackingId: overrides.clientTrackingId ?? runId };
}

/**
 * The headers the engine adds to a subscribe call.
 * NOTE: logic-apps-workflow-actions-triggers (operation option SuppressWorkflowHeaders): "By default,
 * the Azure Logic Apps service includes extra metadata headers with the x-ms- prefix in the header
 * name as part of outbound requests". Which ones is not documented; these are the ones seen in
 * recorded requests (the app must not rely on them alone): x-ms-workflow-name, x-ms-workflow-run-id
 * (actions only: a trigger subscribes on save, outside any run), x-ms-workflow-operation-name,
 * x-ms-client-tracking-id, x-ms-tracking-id, x-ms-correlation-id, x-ms-action-tracking-id. The client
 * tracking id is generated when the trigger request sets none (monitor-logic-apps-log-analytics);
 * recorded requests show it equal to the run id, and a run may carry another.
 */
export function toWorkflowHeaders(run: WorkflowRun, operationName: string, scope: 'action' | 'trigger'): Record<string, string> {
  const correlation = randomUUID();
  return {
    'x-ms-workflow-name': run.workflowName,
    ...(scope === 'action' ? { 'x-ms-workflow-run-id': run.runId, 'x-ms-action-tracking-id': randomUUID() } : {}),
    'x-ms-workflow-operation-name': operationName,
    'x-ms-client-tracking-id': run.clientTrackingId,
    'x-ms-tracking-id': correlation,
    'x-ms-correlation-id': correlation,
  };
}

/**
 * The headers the engine adds to an unsubscribe call: the documented pair only.
 * NOTE: connectors-native-webhook (Unsubscribe - Body): "This property doesn't support using the
 * listCallbackUrl() function. However, the trigger [action] automatically includes and sends the
 * headers, x-ms-client-tracking-id and x-ms-workflow-operation-name, which the target service can
 * use to uniquely identify the subscriber." Nothing says x-ms-workflow-run-id comes along.
 */
export function toUnsubscribeHeaders(run: WorkflowRun, operationName: string): Record<string, string> {
  return { 'x-ms-client-tracking-id': run.clientTrackingId, 'x-ms-workflow-operation-name': operationName };
}

import type { HttpRequest } from '@azure/functions';
import { MAX_WORKFLOW_HEADER_LENGTH, type Subscriber } from '../model/WorkflowIdentity';
import { readWorkflowHeaders } from './readWorkflowHeaders';

export type { Subscriber } from '../model/WorkflowIdentity';

/** Header values are cut to this many characters: they are stored and hashed, never trusted. */
export const MAX_SUBSCRIBER_HEADER_LENGTH = MAX_WORKFLOW_HEADER_LENGTH;

/**
 * `x-ms-workflow-operation-name` with `x-ms-client-tracking-id` and/or `x-ms-workflow-run-id`;
 * undefined unless the operation name and one of the two are present.
 * NOTE: the documented pair is the client tracking id and the operation name: the engine sends
 * them with every unsubscribe, whose body cannot use listCallbackUrl() (connectors-native-webhook).
 * The client tracking id is generated per run unless the trigger request sets it with its own
 * `x-ms-client-tracking-id` (app-service-logic-monitor-your-logic-apps, "Client tracking ID"):
 * it is not always the run id, which is the second key.
 */
export function readSubscriber(request: Pick<HttpRequest, 'headers'>): Subscriber | undefined {
  const { operationName, clientTrackingId, workflowRunId, actionTrackingId, workflowName } = readWorkflowHeaders(request);
  if (!operationName || (!clientTrackingId && !workflowRunId)) return undefined;
  return {
    operationName,
    ...(clientTrackingId ? { clientTrackingId } : {}),
    ...(workflowRunId ? { workflowRunId } : {}),
    ...(actionTrackingId ? { actionTrackingId } : {}),
    ...(workflowName ? { workflowName } : {}),
  };
}

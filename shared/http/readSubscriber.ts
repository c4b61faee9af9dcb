import type { HttpRequest } from '@azure/functions';

/**
 * Who subscribed or unsubscribes, from the workflow headers Logic Apps adds. The operation name and
 * at least one of the client tracking id and the run id are present; the rest are kept for operators.
 */
export interface Subscriber {
  readonly operationName: string;
  readonly clientTrackingId?: string;
  readonly workflowRunId?: string;
  readonly actionTrackingId?: string;
  readonly workflowName?: string;
}

/** Header values are cut to this many characters: they are stored and hashed, never trusted. */
export const MAX_SUBSCRIBER_HEADER_LENGTH = 200;

function header(request: Pick<HttpRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers.get(name)?.trim();
  return value ? value.slice(0, MAX_SUBSCRIBER_HEADER_LENGTH) : undefined;
}

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
  const operationName = header(request, 'x-ms-workflow-operation-name');
  const clientTrackingId = header(request, 'x-ms-client-tracking-id');
  const workflowRunId = header(request, 'x-ms-workflow-run-id');
  if (!operationName || (!clientTrackingId && !workflowRunId)) return undefined;
  const actionTrackingId = header(request, 'x-ms-action-tracking-id');
  const workflowName = header(request, 'x-ms-workflow-name');
  return {
    operationName,
    ...(clientTrackingId ? { clientTrackingId } : {}),
    ...(workflowRunId ? { workflowRunId } : {}),
    ...(actionTrackingId ? { actionTrackingId } : {}),
    ...(workflowName ? { workflowName } : {}),
  };
}

import type { HttpRequest } from '@azure/functions';

/** Who subscribed, from the headers Logic Apps adds (observed, not documented: never relied on alone). */
export interface Subscriber {
  readonly workflowRunId: string;
  readonly operationName: string;
}

/**
 * `x-ms-workflow-run-id` (or `x-ms-client-tracking-id`, which defaults to the run id) plus
 * `x-ms-workflow-operation-name`; undefined unless both are present.
 */
export function readSubscriber(request: Pick<HttpRequest, 'headers'>): Subscriber | undefined {
  const workflowRunId = request.headers.get('x-ms-workflow-run-id') ?? request.headers.get('x-ms-client-tracking-id');
  const operationName = request.headers.get('x-ms-workflow-operation-name');
  if (!workflowRunId || !operationName) return undefined;
  return { workflowRunId: workflowRunId.slice(0, 200), operationName: operationName.slice(0, 200) };
}

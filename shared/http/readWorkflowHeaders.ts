import type { HttpRequest } from '@azure/functions';
import { MAX_WORKFLOW_HEADER_LENGTH, WORKFLOW_HEADER_NAMES, type WorkflowIdentity } from '../model/WorkflowIdentity';

/**
 * The workflow headers of a request, each trimmed and cut to MAX_WORKFLOW_HEADER_LENGTH; absent
 * or empty ones are left out.
 * NOTE: observed on the engine's outgoing calls (recorded request histories), not a documented
 * contract, and removable with `SuppressWorkflowHeaders`; connectors-native-webhook documents only
 * that unsubscribe carries `x-ms-client-tracking-id` and `x-ms-workflow-operation-name`.
 */
export function readWorkflowHeaders(request: Pick<HttpRequest, 'headers'>): WorkflowIdentity {
  const headers: Partial<Record<keyof WorkflowIdentity, string>> = {};
  for (const [field, name] of Object.entries(WORKFLOW_HEADER_NAMES) as [keyof WorkflowIdentity, string][]) {
    const value = request.headers.get(name)?.trim().slice(0, MAX_WORKFLOW_HEADER_LENGTH);
    if (value) headers[field] = value;
  }
  return headers;
}

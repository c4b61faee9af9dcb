import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest } from '@azure/functions';
import { readWorkflowHeaders } from '../../../shared/http/readWorkflowHeaders';
import { MAX_WORKFLOW_HEADER_LENGTH } from '../../../shared/model/WorkflowIdentity';

const request = (headers: Record<string, string>) => new HttpRequest({ method: 'POST', url: 'https://longrun.example/api/hooks/t/unsubscribe', headers });

describe('reading the workflow headers of a request', () => {
  test('reads each recorded header into its field', () => {
    const headers = readWorkflowHeaders(
      request({
        'x-ms-workflow-id': 'w1',
        'x-ms-workflow-name': 'orders',
        'x-ms-workflow-run-id': 'r1',
        'x-ms-client-tracking-id': 'c1',
        'x-ms-workflow-operation-name': 'When_an_order_arrives',
        'x-ms-action-tracking-id': 'a1',
        'x-ms-correlation-id': 'k1',
        'x-ms-tracking-id': 'not recorded',
      }),
    );
    assert.deepEqual(headers, {
      workflowId: 'w1',
      workflowName: 'orders',
      workflowRunId: 'r1',
      clientTrackingId: 'c1',
      operationName: 'When_an_order_arrives',
      actionTrackingId: 'a1',
      correlationId: 'k1',
    });
  });

  test('leaves out absent and blank headers and cuts long ones to the bound', () => {
    const headers = readWorkflowHeaders(request({ 'x-ms-workflow-name': '   ', 'x-ms-client-tracking-id': 'x'.repeat(MAX_WORKFLOW_HEADER_LENGTH + 50) }));
    assert.deepEqual(Object.keys(headers), ['clientTrackingId']);
    assert.equal(headers.clientTrackingId?.length, MAX_WORKFLOW_HEADER_LENGTH);
    assert.deepEqual(readWorkflowHeaders(request({})), {});
  });
});

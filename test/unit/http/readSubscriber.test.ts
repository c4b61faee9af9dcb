import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SUBSCRIBER_HEADER_LENGTH, readSubscriber } from '../../../shared/http/readSubscriber';

const read = (headers: Record<string, string>) => readSubscriber({ headers: new Headers(headers) });

describe('readSubscriber: the workflow headers of a subscribe or unsubscribe', () => {
  test('reads all five headers the engine sends', () => {
    assert.deepEqual(
      read({
        'x-ms-workflow-operation-name': 'Wait_for_it',
        'x-ms-client-tracking-id': 'order-42',
        'x-ms-workflow-run-id': '08585000000000000001CU00',
        'x-ms-action-tracking-id': 'b0b6e7d8-0000-4000-8000-000000000001',
        'x-ms-workflow-name': 'orders',
      }),
      {
        operationName: 'Wait_for_it',
        clientTrackingId: 'order-42',
        workflowRunId: '08585000000000000001CU00',
        actionTrackingId: 'b0b6e7d8-0000-4000-8000-000000000001',
        workflowName: 'orders',
      },
    );
  });

  test('the documented pair alone (client tracking id + operation name) is a subscriber; so is the run id + operation name', () => {
    assert.deepEqual(read({ 'x-ms-workflow-operation-name': 'Op', 'x-ms-client-tracking-id': 't' }), { operationName: 'Op', clientTrackingId: 't' });
    assert.deepEqual(read({ 'x-ms-workflow-operation-name': 'Op', 'x-ms-workflow-run-id': 'r' }), { operationName: 'Op', workflowRunId: 'r' });
  });

  test('without the operation name, or without both ids, there is no subscriber', () => {
    assert.equal(read({ 'x-ms-client-tracking-id': 't', 'x-ms-workflow-run-id': 'r' }), undefined);
    assert.equal(read({ 'x-ms-workflow-operation-name': 'Op', 'x-ms-workflow-name': 'w' }), undefined);
    assert.equal(read({ 'x-ms-workflow-operation-name': 'Op', 'x-ms-client-tracking-id': '  ' }), undefined);
  });

  test('every value is cut to a bounded length', () => {
    const long = 'x'.repeat(5000);
    const subscriber = read({ 'x-ms-workflow-operation-name': long, 'x-ms-client-tracking-id': long, 'x-ms-workflow-run-id': long, 'x-ms-action-tracking-id': long, 'x-ms-workflow-name': long });
    for (const value of Object.values(subscriber ?? {})) assert.equal(value.length, MAX_SUBSCRIBER_HEADER_LENGTH);
  });
});

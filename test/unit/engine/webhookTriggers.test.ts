import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { saveWorkflowAgain } from '../../engine/saveWorkflowAgain';
import { subscribeHttpWebhookTrigger, type HttpWebhookTriggerDefinition } from '../../engine/subscribeHttpWebhookTrigger';
import { subscribeWebhookTrigger } from '../../engine/subscribeWebhookTrigger';
import { withCallbackUrl } from '../../engine/WebhookCall';
import { newWorkflowRun } from '../../engine/WorkflowRun';

describe('engine simulator: webhook triggers (local server)', () => {
  let api: CallbackReceiver;
  let subscriptions = 0;
  before(async () => {
    // Subscribe answers 201 with a Location of its own for each subscribe.
    api = await CallbackReceiver.start((_n, call) =>
      call.method === 'POST' && call.path === '/hooks/order.created'
        ? { status: 201, headers: { location: `${api.origin}/hooks/${++subscriptions}?token=self`, 'content-type': 'application/json' }, body: '{"id":"h"}' }
        : { status: 200 },
    );
  });
  after(() => api.stop());
  const since = (n: number) => api.calls.slice(n);

  test('the HttpWebhook trigger subscribes with its callback URL and the workflow headers; its unsubscribe has no body and no callback URL', async () => {
    const before = api.calls.length;
    const workflow = newWorkflowRun({ clientTrackingId: 'tracking-1' });
    const trigger: HttpWebhookTriggerDefinition = {
      name: 'When_an_order_is_created',
      subscribe: { method: 'POST', uri: `${api.origin}/hooks/order.created`, headers: { 'x-functions-key': 'k' }, body: withCallbackUrl((callbackUrl) => ({ callbackUrl })) },
      unsubscribe: { method: 'POST', uri: `${api.origin}/hooks/order.created/unsubscribe`, headers: { 'x-functions-key': 'k' } },
    };
    const callbackUrl = 'https://prod-01.example.logic.azure.com/workflows/w/triggers/t/run?sig=secret';
    const subscription = await subscribeHttpWebhookTrigger(trigger, callbackUrl, { workflow });
    assert.equal(subscription.status, 201);
    assert.equal(await subscription.unsubscribe(), 200);
    const [subscribe, unsubscribe] = since(before);
    assert.deepEqual(JSON.parse(subscribe?.body ?? '{}'), { callbackUrl });
    assert.equal(subscribe?.headers['x-ms-workflow-name'], workflow.workflowName);
    assert.equal(subscribe?.headers['x-ms-workflow-operation-name'], 'When_an_order_is_created');
    assert.equal(subscribe?.headers['x-ms-client-tracking-id'], 'tracking-1');
    assert.equal(unsubscribe?.path, '/hooks/order.created/unsubscribe');
    assert.equal(unsubscribe?.body, '');
    assert.equal(unsubscribe?.headers['content-type'], undefined);
    assert.equal(unsubscribe?.headers['x-ms-client-tracking-id'], 'tracking-1');
    assert.equal(unsubscribe?.headers['x-ms-workflow-operation-name'], 'When_an_order_is_created');
    assert.equal(unsubscribe?.headers['x-functions-key'], 'k');
    assert.ok(!JSON.stringify(unsubscribe).includes('sig=secret'), 'the callback URL is nowhere in the unsubscribe');
  });

  test('the connector trigger puts the callback URL in its x-ms-notification-url field; removal is a DELETE of the Location with no credentials', async () => {
    const before = api.calls.length;
    const callbackUrl = 'https://prod-02.example.logic.azure.com/workflows/w/triggers/t/run?sig=other';
    const hook = await subscribeWebhookTrigger(`${api.origin}/hooks/order.created`, callbackUrl, {
      notificationUrlField: 'notifyUrl',
      parameters: { filter: 'eu' },
      headers: { 'x-functions-key': 'k' },
    });
    assert.equal(hook.status, 201);
    assert.deepEqual(hook.body, { id: 'h' });
    assert.equal(await hook.unsubscribe(), 200);
    const [subscribe, removal] = since(before);
    assert.deepEqual(JSON.parse(subscribe?.body ?? '{}'), { filter: 'eu', notifyUrl: callbackUrl });
    assert.equal(subscribe?.headers['x-functions-key'], 'k');
    assert.equal(removal?.method, 'DELETE');
    assert.equal(removal?.path, new URL(hook.location ?? '').pathname + '?token=self');
    assert.equal(removal?.headers['x-functions-key'], undefined);
    assert.equal(removal?.headers.authorization, undefined);
  });

  test('saving the workflow again subscribes again and removes the previous subscription, in the order asked', async () => {
    const callbackUrl = 'https://prod-03.example.logic.azure.com/workflows/w/triggers/t/run?sig=third';
    const subscribe = () => subscribeWebhookTrigger(`${api.origin}/hooks/order.created`, callbackUrl);
    for (const order of ['subscribeThenRemove', 'removeThenSubscribe'] as const) {
      const first = await subscribe();
      const before = api.calls.length;
      const { current, removedStatus } = await saveWorkflowAgain(first, subscribe, order);
      assert.equal(removedStatus, 200);
      assert.notEqual(current.location, first.location);
      const methods = since(before).map((c) => c.method);
      assert.deepEqual(methods, order === 'subscribeThenRemove' ? ['POST', 'DELETE'] : ['DELETE', 'POST']);
      assert.equal(since(before).find((c) => c.method === 'DELETE')?.path, `${new URL(first.location ?? '').pathname}?token=self`);
    }
  });
});

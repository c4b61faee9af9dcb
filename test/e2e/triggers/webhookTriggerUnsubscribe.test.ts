import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../support/startApp';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { subscribeWebhookTrigger } from '../../engine/subscribeWebhookTrigger';

const FUNCTION_KEY = 'e2e-unsubscribe-function-key';
const key = { 'x-functions-key': FUNCTION_KEY };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const order = (id: number) => ({ id, order_key: `wc_order_${id}`, status: 'processing', currency: 'EUR', date_created: '2026-11-22T10:00:00', total: '29.35' });

describe('the Logic Apps HttpWebhook trigger unsubscribes (stand-in host enforcing function keys)', () => {
  let app: RunningApp;
  let receiver: CallbackReceiver;
  const api = (path: string) => `${app.baseUrl}/api/${path}`;
  const publish = async (data: unknown) => {
    const response = await fetch(api('events/order.created'), { method: 'POST', headers: { 'content-type': 'application/json', ...key }, body: JSON.stringify(data) });
    assert.equal(response.status, 202);
  };
  const unsubscribe = (init: { headers?: Record<string, string>; body?: string }, topic = 'order.created') =>
    fetch(api(`hooks/${topic}/unsubscribe`), { method: 'POST', headers: { ...key, ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) });
  const engineHeaders = (n: number) => ({
    'x-ms-workflow-name': `orders-${n}`,
    'x-ms-workflow-run-id': `08584${n}`,
    'x-ms-client-tracking-id': `08584${n}`,
    'x-ms-workflow-operation-name': 'HTTP_Webhook',
  });

  before(async () => {
    app = await startApp({ LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY, LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1,2', LONGRUN_DELIVERY_TIMEOUT_MS: '1000' });
    receiver = await CallbackReceiver.start();
  });
  after(async () => {
    await receiver.stop();
    await app.stop();
  });

  test('with only its workflow headers (no body, no content type): 200, and the hook receives nothing more', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const headers = engineHeaders(Date.now());
    const hook = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl, { headers: { ...key, ...headers } });
    assert.equal(hook.status, 201);
    const response = await unsubscribe({ headers });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { unsubscribed: 1 });
    await publish(order(1));
    await sleep(1500);
    assert.equal(receiver.callsTo(callbackUrl).length, 0);
    assert.equal(await hook.unsubscribe(), 404, 'its Location finds nothing either');
  });

  test('with its callback URL in the body: 200, idempotent, and nothing more arrives', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl, { headers: key });
    assert.equal(hook.status, 201);
    const byUrl = () => unsubscribe({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callbackUrl }) });
    const first = await byUrl();
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { unsubscribed: 1 });
    assert.deepEqual(await (await byUrl()).json(), { unsubscribed: 0 }, 'idempotent');
    await publish(order(2));
    await sleep(1500);
    assert.equal(receiver.callsTo(callbackUrl).length, 0);
  });

  test('an unsubscribe that names nothing is 200 too: a {} body, a text/plain body, an unknown topic; the subscription stays', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl, { headers: key });
    const answers = [
      await unsubscribe({ headers: { 'content-type': 'application/json' }, body: '{}' }),
      await unsubscribe({ headers: { 'content-type': 'text/plain' }, body: 'please stop' }),
      await unsubscribe({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callbackUrl }) }, 'no.such.topic'),
    ];
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    for (const answer of answers) assert.deepEqual(await answer.json(), { unsubscribed: 0 });
    await publish(order(3));
    const deadline = Date.now() + 20_000;
    while (receiver.callsTo(callbackUrl).length === 0 && Date.now() < deadline) await sleep(50);
    assert.equal(receiver.callsTo(callbackUrl).length, 1, 'still subscribed');
    assert.equal(await hook.unsubscribe(), 200);
  });

  test('unsubscribe needs the function key', async () => {
    const response = await fetch(api('hooks/order.created/unsubscribe'), { method: 'POST' });
    assert.equal(response.status, 401);
  });
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../support/startApp';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { subscribeWebhookTrigger } from '../../engine/subscribeWebhookTrigger';
import { verifyStandardWebhook } from '../../support/verifyStandardWebhook';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const order = (id: number) => ({ id, order_key: `wc_order_${id}`, status: 'processing', currency: 'EUR', date_created: '2026-11-22T10:00:00', total: '29.35' });

describe('webhook trigger end to end (stand-in host, engine simulator)', () => {
  let app: RunningApp;
  let receiver: CallbackReceiver;
  const api = (path: string) => `${app.baseUrl}/api/${path}`;
  const publish = async (data: unknown) => {
    const response = await fetch(api('events/order.created'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
    assert.equal(response.status, 202);
    return ((await response.json()) as { id: string }).id;
  };

  before(async () => {
    app = await startApp({ LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1,2', LONGRUN_DELIVERY_TIMEOUT_MS: '1000' });
    receiver = await CallbackReceiver.start();
  });
  after(async () => {
    await receiver.stop();
    await app.stop();
  });

  test('a subscriber receives each event once, signed so that a Standard Webhooks verifier accepts it; after DELETE nothing more arrives', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl);
    assert.equal(hook.status, 201);
    assert.match(hook.location ?? '', /^http:\/\/localhost:\d+\/api\/hooks\/[0-9a-f]{32}\?token=/);
    assert.match(hook.body.secret, /^whsec_/);
    const ids = [await publish(order(1)), await publish(order(2))];
    await receiver.waitForCalls(2);
    const calls = receiver.callsTo(callbackUrl);
    assert.deepEqual(calls.map((c) => c.headers['webhook-id']).sort(), [...ids].sort());
    for (const call of calls) {
      assert.ok(verifyStandardWebhook(hook.body.secret, call.headers, call.body), 'the signature verifies');
      const event = JSON.parse(call.body);
      assert.equal(event.type, 'order.created');
      assert.equal(event.id, call.headers['webhook-id']);
    }
    assert.ok(!verifyStandardWebhook('whsec_' + Buffer.alloc(24).toString('base64'), calls[0]!.headers, calls[0]!.body), 'another secret does not verify');
    assert.equal(await hook.unsubscribe(), 200);
    await publish(order(3));
    await sleep(1500);
    assert.equal(receiver.callsTo(callbackUrl).length, 2);
    assert.equal(await hook.unsubscribe(), 404, 'a second DELETE finds nothing');
  });

  test('subscribing twice gives the same id and one delivery per event', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const first = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl);
    const second = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl);
    assert.equal(second.status, 201);
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.secret, undefined, 'the secret is returned once, at creation');
    const id = await publish(order(4));
    await receiver.waitForCalls(receiver.calls.length + 1);
    await sleep(1000);
    assert.deepEqual(receiver.callsTo(callbackUrl).map((c) => c.headers['webhook-id']), [id]);
    assert.equal(await first.unsubscribe(), 200, 'the first Location still removes the hook');
  });

  test('a finished job fires job.completed on the webhook trigger', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribeWebhookTrigger(api('hooks/job.completed'), callbackUrl);
    const start = await fetch(api('jobs/bake'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"flavor":"vanilla","minutes":0}' });
    const envelope = (await start.json()) as { id: string };
    const deadline = Date.now() + 20_000;
    while (receiver.callsTo(callbackUrl).length === 0 && Date.now() < deadline) await sleep(100);
    const [call] = receiver.callsTo(callbackUrl);
    assert.ok(call, 'job.completed arrived');
    const event = JSON.parse(call.body);
    assert.equal(event.type, 'job.completed');
    assert.equal(event.data.id, envelope.id);
    assert.equal(event.data.status, 'succeeded');
    assert.equal(event.data.result, undefined, 'the event carries the envelope without the result');
    assert.ok(verifyStandardWebhook(hook.body.secret, call.headers, call.body));
    await hook.unsubscribe();
  });

  test('a hook that answers 410 is removed', async () => {
    const gone = await CallbackReceiver.start(() => ({ status: 410 }));
    try {
      const callbackUrl = gone.newCallbackUrl();
      const hook = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl);
      await publish(order(5));
      await gone.waitForCalls(1);
      await sleep(500);
      assert.equal(await hook.unsubscribe(), 404, 'the hook is gone');
      await publish(order(6));
      await sleep(1500);
      assert.equal(gone.calls.length, 1);
    } finally {
      await gone.stop();
    }
  });

  test('the Logic Apps HttpWebhook trigger unsubscribes with its callback URL: 200, then nothing more arrives', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl);
    assert.equal(hook.status, 201);
    const unsubscribe = () =>
      fetch(api('hooks/order.created/unsubscribe'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callbackUrl }) });
    const first = await unsubscribe();
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { unsubscribed: true });
    assert.deepEqual(await (await unsubscribe()).json(), { unsubscribed: false }, 'idempotent');
    await publish(order(7));
    await sleep(1500);
    assert.equal(receiver.callsTo(callbackUrl).length, 0);
  });

  test('a republish with the same Idempotency-Key reaches each hook once', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl);
    const send = () =>
      fetch(api('events/order.created'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `order-8-${Date.now() >> 16}` },
        body: JSON.stringify(order(8)),
      });
    const first = (await (await send()).json()) as { id: string };
    const again = (await (await send()).json()) as { id: string };
    assert.equal(again.id, first.id);
    await sleep(4000); // both fan-outs run at once; each hook's delivery is claimed before it is sent
    assert.deepEqual(receiver.callsTo(callbackUrl).map((c) => c.headers['webhook-id']), [first.id]);
    const fanOuts = app.host.output().match(new RegExp(`event ${first.id}: \\d+ hook deliveries`, 'g')) ?? [];
    assert.equal(fanOuts.length, 2, 'the replay fanned out too, and sent nothing twice');
    await hook.unsubscribe();
  });
});

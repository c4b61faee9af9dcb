import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../support/startApp';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { subscribeWebhookTrigger } from '../../engine/subscribeWebhookTrigger';
import { verifyStandardWebhook } from '../../support/verifyStandardWebhook';

const FUNCTION_KEY = 'e2e-hooks-function-key';
const key = { 'x-functions-key': FUNCTION_KEY };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const order = (id: number) => ({ id, order_key: `wc_order_${id}`, status: 'processing', currency: 'EUR', date_created: '2026-11-22T10:00:00', total: '29.35' });
const signatures = (call: { headers: Record<string, unknown> }) => String(call.headers['webhook-signature']).split(' ');

describe('webhook trigger end to end (stand-in host enforcing function keys, engine simulator)', () => {
  let app: RunningApp;
  let receiver: CallbackReceiver;
  const api = (path: string) => `${app.baseUrl}/api/${path}`;
  const subscribe = (callbackUrl: string, topic = 'order.created') => subscribeWebhookTrigger(api(`hooks/${topic}`), callbackUrl, { headers: key });
  const publish = async (data: unknown) => {
    const response = await fetch(api('events/order.created'), { method: 'POST', headers: { 'content-type': 'application/json', ...key }, body: JSON.stringify(data) });
    assert.equal(response.status, 202);
    return ((await response.json()) as { id: string }).id;
  };
  const until = async (done: () => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!done() && Date.now() < deadline) await sleep(50);
    assert.ok(done(), what);
  };

  before(async () => {
    app = await startApp({ LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY, LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1,2', LONGRUN_DELIVERY_TIMEOUT_MS: '1000' });
    receiver = await CallbackReceiver.start();
  });
  after(async () => {
    await receiver.stop();
    await app.stop();
  });

  test('subscribe needs the function key; its DELETE Location does not', async () => {
    const refused = await subscribeWebhookTrigger(api('hooks/order.created'), receiver.newCallbackUrl());
    assert.equal(refused.status, 401);
    const hook = await subscribe(receiver.newCallbackUrl());
    assert.equal(await hook.unsubscribe(), 200);
  });

  test('a subscriber receives each event once, signed so that a Standard Webhooks verifier accepts it; after DELETE nothing more arrives', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribe(callbackUrl);
    assert.equal(hook.status, 201);
    assert.match(hook.location ?? '', /^http:\/\/localhost:\d+\/api\/hooks\/[0-9a-f]{32}\?token=/);
    assert.match(hook.body.secret, /^whsec_/);
    const ids = [await publish(order(1)), await publish(order(2))];
    await until(() => receiver.callsTo(callbackUrl).length >= 2, 'both events arrived');
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

  test('subscribed twice (a saved workflow), one URL gets one delivery per event signed for both secrets; after DELETE of the first Location, still one, for the second', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const first = await subscribe(callbackUrl);
    const second = await subscribe(callbackUrl);
    assert.deepEqual([first.status, second.status], [201, 201]);
    assert.notEqual(second.body.id, first.body.id);
    assert.notEqual(second.location, first.location);
    assert.match(second.body.secret, /^whsec_/);
    assert.notEqual(second.body.secret, first.body.secret);
    const before = await publish(order(4));
    await until(() => receiver.callsTo(callbackUrl).length >= 1, 'the event arrived');
    await sleep(1000);
    const [call] = receiver.callsTo(callbackUrl);
    assert.deepEqual(receiver.callsTo(callbackUrl).map((c) => c.headers['webhook-id']), [before], 'exactly one delivery');
    assert.equal(signatures(call!).length, 2);
    assert.ok(verifyStandardWebhook(first.body.secret, call!.headers, call!.body), 'the first secret verifies');
    assert.ok(verifyStandardWebhook(second.body.secret, call!.headers, call!.body), 'the second secret verifies');

    assert.equal(await first.unsubscribe(), 200);
    const afterDelete = await publish(order(5));
    await until(() => receiver.callsTo(callbackUrl).length >= 2, 'the next event arrived');
    await sleep(1000);
    const calls = receiver.callsTo(callbackUrl);
    assert.deepEqual(calls.map((c) => c.headers['webhook-id']), [before, afterDelete], 'still exactly one delivery per event');
    assert.equal(signatures(calls[1]!).length, 1);
    assert.ok(verifyStandardWebhook(second.body.secret, calls[1]!.headers, calls[1]!.body), 'the remaining secret verifies');
    assert.ok(!verifyStandardWebhook(first.body.secret, calls[1]!.headers, calls[1]!.body), 'the deleted one no longer signs');
    assert.equal(await second.unsubscribe(), 200);
  });

  test('a finished job fires job.completed on the webhook trigger', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribe(callbackUrl, 'job.completed');
    const start = await fetch(api('jobs/bake'), { method: 'POST', headers: { 'content-type': 'application/json', ...key }, body: '{"flavor":"vanilla","minutes":0}' });
    const envelope = (await start.json()) as { id: string };
    await until(() => receiver.callsTo(callbackUrl).length > 0, 'job.completed arrived');
    const [call] = receiver.callsTo(callbackUrl);
    const event = JSON.parse(call!.body);
    assert.equal(event.type, 'job.completed');
    assert.equal(event.data.id, envelope.id);
    assert.equal(event.data.status, 'succeeded');
    assert.equal(event.data.result, undefined, 'the event carries the envelope without the result');
    assert.ok(verifyStandardWebhook(hook.body.secret, call!.headers, call!.body));
    await hook.unsubscribe();
  });

  test('a callback that answers 410 removes every subscription of its URL', async () => {
    const gone = await CallbackReceiver.start(() => ({ status: 410 }));
    try {
      const callbackUrl = gone.newCallbackUrl();
      const hooks = [await subscribe(callbackUrl), await subscribe(callbackUrl)];
      await publish(order(6));
      await until(() => gone.calls.length >= 1, 'the event was offered');
      await sleep(500);
      assert.deepEqual([await hooks[0]!.unsubscribe(), await hooks[1]!.unsubscribe()], [404, 404], 'both subscriptions are gone');
      await publish(order(7));
      await sleep(1500);
      assert.equal(gone.calls.length, 1);
    } finally {
      await gone.stop();
    }
  });

  test('a republish with the same Idempotency-Key reaches each hook once', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const hook = await subscribe(callbackUrl);
    const send = () =>
      fetch(api('events/order.created'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `order-8-${Date.now() >> 16}`, ...key },
        body: JSON.stringify(order(8)),
      });
    const first = (await (await send()).json()) as { id: string };
    const again = (await (await send()).json()) as { id: string };
    assert.equal(again.id, first.id);
    await sleep(4000); // both fan-outs run at once; each URL's delivery is claimed before it is sent
    assert.deepEqual(receiver.callsTo(callbackUrl).map((c) => c.headers['webhook-id']), [first.id]);
    const fanOuts = app.host.output().match(new RegExp(`fanout\\.ran \\{"topic":"[^"]+","eventId":"${first.id}","deliveries":\\d+`, 'g')) ?? [];
    assert.equal(fanOuts.length, 2, 'the replay fanned out too, and sent nothing twice');
    await hook.unsubscribe();
  });
});

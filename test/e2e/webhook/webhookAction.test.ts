import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { startApp, type RunningApp } from '../../support/startApp';
import { CallbackReceiver, type Answer } from '../../engine/CallbackReceiver';
import { runWebhookAction, type WebhookActionDefinition } from '../../engine/runWebhookAction';
import { withCallbackUrl } from '../../engine/WebhookCall';
import { TABLES } from '../../../shared/storage/names';
import { subscriptionJobIdOf } from '../../support/subscriptionJobIdOf';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

describe('webhook action end to end (stand-in host, engine simulator)', () => {
  let app: RunningApp;
  const script: { answers: Answer[] } = { answers: [] };
  let receiver: CallbackReceiver;
  const api = (path: string) => `${app.baseUrl}/api/${path}`;
  // The HTTP Webhook action on the bake kind; its unsubscribe names the callback in its body (older
  // examples) or relies on the engine's headers alone (current documentation).
  const bakeAction = (input: unknown, unsubscribeWith: 'body' | 'headers'): WebhookActionDefinition => ({
    name: 'Wait_for_the_job',
    subscribe: { method: 'POST', uri: api('jobs/bake/subscribe'), body: withCallbackUrl((callbackUrl) => ({ callbackUrl, input })) },
    unsubscribe: {
      method: 'POST',
      uri: api('jobs/bake/unsubscribe'),
      ...(unsubscribeWith === 'body' ? { body: withCallbackUrl((callbackUrl) => ({ callbackUrl })) } : {}),
    },
  });

  before(async () => {
    app = await startApp({ LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1,3,3' });
    receiver = await CallbackReceiver.start((n) => script.answers[n] ?? { status: 200 });
  });
  after(async () => {
    await receiver.stop();
    await app.stop();
  });

  async function subscribe(input: unknown): Promise<{ callbackUrl: string; location: string }> {
    const callbackUrl = receiver.newCallbackUrl();
    const response = await fetch(api('jobs/bake/subscribe'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackUrl, input }),
    });
    assert.equal(response.status, 201);
    return { callbackUrl, location: response.headers.get('location') ?? '' };
  }

  test('the webhook action receives the succeeded envelope, then unsubscribe answers 200 and changes nothing', async () => {
    script.answers = [];
    const result = await runWebhookAction(bakeAction({ flavor: 'vanilla', minutes: 0 }, 'body'), { receiver });
    assert.equal(result.subscribeStatus, 201);
    assert.ok(result.callback, 'the callback arrived');
    const envelope = JSON.parse(result.callback.body);
    assert.equal(envelope.status, 'succeeded');
    assert.equal(envelope.result.flavor, 'vanilla');
    assert.match(String(result.callback.headers['webhook-id']), /^cb_[0-9a-f]{32}$/);
    assert.equal(result.unsubscribeStatus, 200);
    const id = await subscriptionJobIdOf(app.azurite.connectionString, 'bake', result.callbackUrl);
    const row = await TableClient.fromConnectionString(app.azurite.connectionString, TABLES.jobs, { allowInsecureConnection: true }).getEntity(id, 'job');
    assert.equal(row.status, 'succeeded');
    assert.notEqual(row.unsubscribed, true);
  });

  test("a failing job's callback carries status failed with the error", async () => {
    script.answers = [];
    const result = await runWebhookAction(bakeAction({ flavor: 'lemon', minutes: 181, secondsPerMinute: 0 }, 'headers'), { receiver });
    const envelope = JSON.parse(result.callback?.body ?? '{}');
    assert.equal(envelope.status, 'failed');
    assert.equal(envelope.error.status, 422);
    assert.match(envelope.error.detail, /burned/);
  });

  for (const by of ['body', 'headers'] as const) {
    test(`unsubscribe of a running job by ${by} cancels it and no callback arrives`, async () => {
      script.answers = [];
      const before = receiver.calls.length;
      const result = await runWebhookAction(bakeAction({ flavor: 'chocolate', minutes: 8, secondsPerMinute: 0.25 }, by), { receiver, cancelAfterMs: 700 });
      assert.equal(result.unsubscribeStatus, 200);
      const jobs = TableClient.fromConnectionString(app.azurite.connectionString, TABLES.jobs, { allowInsecureConnection: true });
      const id = await subscriptionJobIdOf(app.azurite.connectionString, 'bake', result.callbackUrl);
      const row = await until(async () => {
        const entity = await jobs.getEntity(id, 'job');
        return entity.status === 'cancelled' ? entity : undefined;
      });
      assert.equal(row.unsubscribed, true);
      await sleep(2500); // longer than the job's remaining 8 × 0.25 s had it gone on
      assert.equal(receiver.callsTo(result.callbackUrl).length, 0);
      assert.equal(receiver.calls.length, before);
    });
  }

  test('a receiver that answers 500 twice and then 200 gets the result on the third attempt', async () => {
    const offset = receiver.calls.length;
    script.answers = [];
    script.answers[offset] = { status: 500 };
    script.answers[offset + 1] = { status: 500 };
    const { callbackUrl } = await subscribe({ flavor: 'vanilla', minutes: 0 });
    await receiver.waitForCalls(offset + 3);
    const calls = receiver.callsTo(callbackUrl);
    assert.equal(calls.length, 3);
    assert.equal(new Set(calls.map((c) => c.headers['webhook-id'])).size, 1, 'the same webhook-id on every retry');
  });

  test('a receiver that answers 429 with Retry-After: 2 is retried after about 2 s', async () => {
    const offset = receiver.calls.length;
    script.answers = [];
    script.answers[offset] = { status: 429, headers: { 'retry-after': '2' } };
    const { callbackUrl } = await subscribe({ flavor: 'vanilla', minutes: 0 });
    await receiver.waitForCalls(offset + 2);
    const [first, second] = receiver.callsTo(callbackUrl);
    const gap = (second?.at ?? 0) - (first?.at ?? 0);
    assert.ok(gap >= 1900 && gap < 6000, `retried after ${gap} ms`);
  });

  test('a receiver that answers 410 is not retried', async () => {
    const offset = receiver.calls.length;
    script.answers = [];
    script.answers[offset] = { status: 410 };
    const { callbackUrl } = await subscribe({ flavor: 'vanilla', minutes: 0 });
    await receiver.waitForCalls(offset + 1);
    await sleep(2500);
    assert.equal(receiver.callsTo(callbackUrl).length, 1);
  });

  test('a receiver that answers 302 is not followed', async () => {
    const offset = receiver.calls.length;
    script.answers = [];
    script.answers[offset] = { status: 302, headers: { location: `${receiver.origin}/redirected-here` } };
    const { callbackUrl } = await subscribe({ flavor: 'vanilla', minutes: 0 });
    await receiver.waitForCalls(offset + 2); // the 302 counts as a failure: the schedule retries
    assert.equal(receiver.calls.filter((c) => c.path.startsWith('/redirected-here')).length, 0);
    assert.ok(receiver.callsTo(callbackUrl).length >= 2);
  });

  test('an exhausted delivery is dead-lettered and a replay sends it again', async () => {
    const offset = receiver.calls.length;
    script.answers = [];
    for (let n = 0; n < 4; n++) script.answers[offset + n] = { status: 503 };
    const { callbackUrl } = await subscribe({ flavor: 'lemon', minutes: 0 });
    await receiver.waitForCalls(offset + 4, 20_000);
    const deliveryId = `cb_${(await subscriptionJobIdOf(app.azurite.connectionString, 'bake', callbackUrl))}`;
    const deliveries = TableClient.fromConnectionString(app.azurite.connectionString, TABLES.deliveries, { allowInsecureConnection: true });
    await until(async () => ((await deliveries.getEntity(deliveryId, 'delivery')).status === 'dead' ? true : undefined));
    const replay = await fetch(api(`deliveries/${deliveryId}/replay`), { method: 'POST' });
    assert.equal(replay.status, 202);
    await receiver.waitForCalls(offset + 5);
    await until(async () => ((await deliveries.getEntity(deliveryId, 'delivery')).status === 'succeeded' ? true : undefined));
  });

  test("no log line or stored row contains a callback URL's query string", async () => {
    const secrets = receiver.calls.map((c) => new URL(c.path, receiver.origin).searchParams.get('sig')).filter((s): s is string => !!s);
    assert.ok(secrets.length > 5);
    const output = app.host.output();
    const rows: string[] = [];
    for (const table of Object.values(TABLES)) {
      const client = TableClient.fromConnectionString(app.azurite.connectionString, table, { allowInsecureConnection: true });
      for await (const entity of client.listEntities()) rows.push(JSON.stringify(entity));
    }
    assert.ok(rows.length > 0);
    for (const secret of secrets) {
      assert.ok(!output.includes(secret), 'a sig= secret in the host output');
      assert.deepEqual(rows.filter((r) => r.includes(secret)), [], 'a sig= secret in a stored row');
    }
  });
});

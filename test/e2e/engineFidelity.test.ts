import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { useApp } from '../support/startApp';
import { REPO_ROOT } from '../support/longrunHost';
import { JobTable } from '../support/JobTable';
import { pollUntil } from '../support/pollUntil';
import { CallbackReceiver } from '../engine/CallbackReceiver';
import type { EngineLogEntry } from '../engine/EngineOptions';
import { runAsyncAction } from '../engine/runAsyncAction';
import { runPollingTrigger } from '../engine/runPollingTrigger';
import { runWebhookAction } from '../engine/runWebhookAction';
import { saveWorkflowAgain } from '../engine/saveWorkflowAgain';
import { subscribeHttpWebhookTrigger } from '../engine/subscribeHttpWebhookTrigger';
import { subscribeWebhookTrigger } from '../engine/subscribeWebhookTrigger';
import { withCallbackUrl } from '../engine/WebhookCall';
import { newWorkflowRun } from '../engine/WorkflowRun';
import { subscriptionJobIdOf } from '../support/subscriptionJobIdOf';

// Every pattern as the documented engines run it, with function keys enforced by the host: the key
// travels as the x-functions-key header, on the calls the workflow definition makes, never on polls.
const KEY = 'e2e-function-key-fidelity';
const withKey = { 'x-functions-key': KEY };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isRetriedByEngines = (status: number) => status === 408 || status === 429 || status >= 500;

describe('engine fidelity: every pattern as the documented engines run it, function keys enforced', () => {
  const app = useApp({ LONGRUN_HOST_FUNCTION_KEY: KEY, LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1,2', LONGRUN_DELIVERY_TIMEOUT_MS: '1000', LONGRUN_FEED_SETTLE_MS: '300' });
  let receiver: CallbackReceiver;
  before(async () => {
    receiver = await CallbackReceiver.start();
  });
  after(() => receiver.stop());
  const api = (path: string) => `${app.baseUrl}/api/${path}`;
  const order = (id: number) => ({ id, order_key: `wc_${id}`, status: 'processing', currency: 'EUR', date_created: '2026-11-22T10:00:00', total: '9.99' });
  const publish = async (id: number): Promise<string> => {
    const response = await fetch(api('events/order.created'), { method: 'POST', headers: { 'content-type': 'application/json', ...withKey }, body: JSON.stringify(order(id)) });
    assert.equal(response.status, 202, `publish: ${response.status}`);
    return ((await response.json()) as { id: string }).id;
  };
  /** The webhook-ids the callback received, after the deliveries had time to arrive (and to repeat, were they to). */
  const deliveredTo = async (callbackUrl: string, atLeast: number) => {
    await pollUntil(() => (receiver.callsTo(callbackUrl).length >= atLeast ? true : undefined), { timeoutMs: 20_000, what: `${atLeast} deliveries` });
    await sleep(1500);
    return receiver.callsTo(callbackUrl).map((c) => String(c.headers['webhook-id']));
  };

  test('an HttpWebhook trigger subscribed with the workflow headers, unsubscribed by headers alone with no body: 200, and no delivery after', async () => {
    const callbackUrl = receiver.newCallbackUrl();
    const subscription = await subscribeHttpWebhookTrigger(
      {
        name: 'When_an_order_is_created',
        subscribe: { method: 'POST', uri: api('hooks/order.created'), headers: withKey, body: withCallbackUrl((url) => ({ callbackUrl: url })) },
        unsubscribe: { method: 'POST', uri: api('hooks/order.created/unsubscribe'), headers: withKey },
      },
      callbackUrl,
      { workflow: newWorkflowRun({ clientTrackingId: 'trigger-tracking-id' }) },
    );
    assert.equal(subscription.status, 201);
    const first = await publish(1);
    assert.deepEqual(await deliveredTo(callbackUrl, 1), [first]);
    assert.equal(await subscription.unsubscribe(), 200, 'the header-only unsubscribe is accepted');
    await publish(2);
    await sleep(2500);
    assert.deepEqual(receiver.callsTo(callbackUrl).map((c) => String(c.headers['webhook-id'])), [first], 'nothing after the unsubscribe');
  });

  for (const resubscribe of ['subscribeThenRemove', 'removeThenSubscribe'] as const) {
    test(`a connector trigger saved again (${resubscribe}) keeps exactly one delivery per event, before and after`, async () => {
      const callbackUrl = receiver.newCallbackUrl();
      const subscribe = () => subscribeWebhookTrigger(api('hooks/order.created'), callbackUrl, { headers: withKey });
      const first = await subscribe();
      assert.equal(first.status, 201);
      const before = await publish(3);
      assert.deepEqual(await deliveredTo(callbackUrl, 1), [before]);
      const { current, removedStatus } = await saveWorkflowAgain(first, subscribe, resubscribe);
      assert.equal(current.status, 201);
      assert.equal(removedStatus, 200, 'the DELETE of the first Location, without credentials, succeeds');
      const afterSave = await publish(4);
      assert.deepEqual(await deliveredTo(callbackUrl, 2), [before, afterSave]);
      assert.equal(await current.unsubscribe(), 200);
    });
  }

  test('a polling trigger whose first call carried the key as a header fires through Locations that carry no key', async () => {
    const log: EngineLogEntry[] = [];
    let published = '';
    const run = await runPollingTrigger({
      url: api('triggers/order.created'),
      headers: withKey,
      maxFires: 1,
      deadlineMs: 30_000,
      timeScale: 0.01,
      log,
      onPoll: async () => {
        if (!published) published = await publish(5);
      },
    });
    assert.equal(run.stoppedBy, 'fires', JSON.stringify(run.polls));
    assert.equal((run.fired[0] as { id: string }).id, published);
    const locationCalls = log.slice(1);
    assert.ok(locationCalls.length >= 1);
    for (const call of locationCalls) {
      assert.equal(call.headers['x-functions-key'], undefined, 'the engine sent no key');
      assert.equal(new URL(call.url).searchParams.get('code'), null);
      assert.ok(!call.url.includes(KEY), 'no key in the Location');
    }
  });

  test('a DELETE of a running job, followed as the engine follows 202 + Location, ends 2xx', async () => {
    const started = await fetch(api('jobs/bake'), { method: 'POST', headers: { 'content-type': 'application/json', ...withKey }, body: JSON.stringify({ flavor: 'chocolate', minutes: 30, secondsPerMinute: 0.3 }) });
    assert.equal(started.status, 202);
    const statusUrl = started.headers.get('location') ?? '';
    await pollUntil(async () => (((await (await fetch(statusUrl)).json()) as { status: string }).status === 'running' ? true : undefined), { timeoutMs: 20_000, what: 'the bake to run' });
    const log: EngineLogEntry[] = [];
    const cancel = await runAsyncAction({ method: 'DELETE', url: statusUrl }, { timeScale: 0.05, timeoutMs: 60_000, log });
    assert.equal(log[0]?.status, 202, 'the cancel is asynchronous while the worker runs');
    assert.ok(cancel.polls.length >= 1, 'and the engine followed its Location');
    assert.equal(cancel.status, 'Succeeded', `the cancel action ended ${cancel.status} ${cancel.code}: ${JSON.stringify(cancel.body)}`);
  });

  test('a webhook action cancelled while waiting unsubscribes with only x-ms-client-tracking-id and x-ms-workflow-operation-name: the job is cancelled', async () => {
    const run = newWorkflowRun({ clientTrackingId: `tracking-${Date.now()}` });
    const result = await runWebhookAction(
      {
        name: 'Bake_and_wait',
        subscribe: { method: 'POST', uri: api('jobs/bake/subscribe'), headers: withKey, body: withCallbackUrl((callbackUrl) => ({ callbackUrl, input: { flavor: 'lemon', minutes: 8, secondsPerMinute: 0.25 } })) },
        unsubscribe: { method: 'POST', uri: api('jobs/bake/unsubscribe'), headers: withKey },
      },
      { receiver, run, cancelAfterMs: 700 },
    );
    assert.equal(result.subscribeStatus, 201);
    assert.equal(result.unsubscribeStatus, 200);
    const table = new JobTable(app.azurite.connectionString);
    const id = await subscriptionJobIdOf(app.azurite.connectionString, 'bake', result.callbackUrl);
    const row = await pollUntil(
      async () => {
        const found = await table.get(id);
        return found?.status === 'cancelled' ? found : undefined;
      },
      { timeoutMs: 10_000, what: 'the job to be cancelled' },
    );
    assert.equal(row.unsubscribed, true);
    await sleep(2500);
    assert.equal(receiver.callsTo(result.callbackUrl).length, 0, 'no callback after the unsubscribe');
  });

  test('a job failing with its kind’s error under Prefer: wait answers a status no engine retries', async () => {
    const response = await fetch(api('jobs/bake'), { method: 'POST', headers: { 'content-type': 'application/json', prefer: 'wait=30', ...withKey }, body: JSON.stringify({ flavor: 'lemon', minutes: 181, secondsPerMinute: 0 }) });
    assert.ok(!isRetriedByEngines(response.status), `answered ${response.status}`);
    assert.equal(response.status, 422);
  });
});

describe('engine fidelity: a job failing unexpectedly (fixture app, function keys enforced)', () => {
  const app = useApp({ LONGRUN_HOST_FUNCTION_KEY: KEY }, join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'app'));

  test('under Prefer: wait it answers a status no engine retries, and so does its status URL as the engine polls it', async () => {
    const response = await fetch(`${app.baseUrl}/api/jobs/always-throws`, { method: 'POST', headers: { 'content-type': 'application/json', prefer: 'wait=30', ...withKey }, body: '{}' });
    assert.notEqual(response.status, 202, 'the job failed within the wait');
    assert.ok(!isRetriedByEngines(response.status), `the start answered ${response.status}`);
    const log: EngineLogEntry[] = [];
    const action = await runAsyncAction({ method: 'POST', url: `${app.baseUrl}/api/jobs/always-throws`, headers: { 'content-type': 'application/json', ...withKey }, body: '{}' }, { timeScale: 0.05, timeoutMs: 60_000, log });
    assert.equal(action.status, 'Failed');
    assert.ok(!isRetriedByEngines(action.code), `the action failed with ${action.code}`);
    assert.deepEqual(log.filter((e) => isRetriedByEngines(e.status)), [], 'no answer the retry policy would resend');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { runWebhookAction, type WebhookActionDefinition } from '../../engine/runWebhookAction';
import { withCallbackUrl } from '../../engine/WebhookCall';
import { newWorkflowRun } from '../../engine/WorkflowRun';

describe('engine simulator: the HTTP Webhook action (local servers)', () => {
  let api: CallbackReceiver;
  let callbacks: CallbackReceiver;
  const script = { callBack: true };
  before(async () => {
    // The API: subscribe answers 201 and, when scripted, calls the callback URL back a moment later.
    api = await CallbackReceiver.start((_n, call) => {
      if (call.path === '/subscribe' && script.callBack) {
        const { callbackUrl } = JSON.parse(call.body) as { callbackUrl: string };
        setTimeout(() => void fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"succeeded"}' }), 30);
      }
      return { status: call.path === '/subscribe' ? 201 : 200 };
    });
    callbacks = await CallbackReceiver.start();
  });
  after(async () => {
    await api.stop();
    await callbacks.stop();
  });
  const action = (unsubscribeBody?: 'callbackUrl'): WebhookActionDefinition => ({
    name: 'Wait_for_the_job',
    subscribe: { method: 'POST', uri: `${api.origin}/subscribe`, headers: { 'x-functions-key': 'k' }, body: withCallbackUrl((callbackUrl) => ({ callbackUrl })) },
    unsubscribe: {
      method: 'POST',
      uri: `${api.origin}/unsubscribe`,
      headers: { 'x-functions-key': 'k' },
      ...(unsubscribeBody ? { body: withCallbackUrl((callbackUrl) => ({ callbackUrl })) } : {}),
    },
    timeoutMs: 5_000,
  });
  const lastCallTo = (path: string) => api.calls.filter((c) => c.path === path).at(-1);

  test('after the callback it unsubscribes with no body, only its own headers and the documented pair (no run id)', async () => {
    script.callBack = true;
    const run = newWorkflowRun({ clientTrackingId: 'tracking-distinct-from-the-run' });
    const result = await runWebhookAction(action(), { receiver: callbacks, run });
    assert.equal(result.status, 'Succeeded');
    assert.equal(result.callback?.body, '{"status":"succeeded"}');
    assert.equal(result.unsubscribeStatus, 200);
    const subscribe = lastCallTo('/subscribe');
    assert.equal(subscribe?.headers['x-ms-workflow-run-id'], run.runId);
    assert.equal(subscribe?.headers['x-ms-client-tracking-id'], 'tracking-distinct-from-the-run');
    assert.equal(subscribe?.headers['x-ms-workflow-operation-name'], 'Wait_for_the_job');
    const unsubscribe = lastCallTo('/unsubscribe');
    assert.equal(unsubscribe?.body, '');
    assert.equal(unsubscribe?.headers['content-type'], undefined);
    assert.equal(unsubscribe?.headers['x-ms-client-tracking-id'], 'tracking-distinct-from-the-run');
    assert.equal(unsubscribe?.headers['x-ms-workflow-operation-name'], 'Wait_for_the_job');
    assert.equal(unsubscribe?.headers['x-ms-workflow-run-id'], undefined);
    assert.equal(unsubscribe?.headers['x-functions-key'], 'k', 'the unsubscribe sends the headers its definition states');
  });

  test('a run cancelled while waiting unsubscribes and ends Cancelled', async () => {
    script.callBack = false;
    const before = api.calls.length;
    const result = await runWebhookAction(action(), { receiver: callbacks, cancelAfterMs: 100 });
    assert.equal(result.status, 'Cancelled');
    assert.equal(result.callback, undefined);
    assert.deepEqual(api.calls.slice(before).map((c) => c.path), ['/subscribe', '/unsubscribe']);
  });

  test('the older examples put the callback URL in the unsubscribe body: still possible', async () => {
    script.callBack = true;
    const result = await runWebhookAction(action('callbackUrl'), { receiver: callbacks });
    const unsubscribe = lastCallTo('/unsubscribe');
    assert.deepEqual(JSON.parse(unsubscribe?.body ?? '{}'), { callbackUrl: result.callbackUrl });
    assert.equal(unsubscribe?.headers['content-type'], 'application/json');
  });

  test('no callback before limit.timeout: unsubscribe, then Cancelled with ActionTimedOut', async () => {
    script.callBack = false;
    const before = api.calls.length;
    const result = await runWebhookAction({ ...action(), timeoutMs: 100 }, { receiver: callbacks });
    assert.equal(result.status, 'Cancelled');
    assert.equal(result.errorCode, 'ActionTimedOut');
    assert.equal(api.calls.slice(before).at(-1)?.path, '/unsubscribe');
  });
});

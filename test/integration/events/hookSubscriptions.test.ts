import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getLongrun } from '../../../shared/app/getLongrun';
import { MAX_SUBSCRIPTIONS_PER_URL } from '../../../shared/events/subscribeHook';
import { recordHookHealth } from '../../../shared/events/recordHookHealth';
import { resolveHookDelivery } from '../../../shared/events/resolveHookDelivery';
import { toUrlKey } from '../../../shared/events/toUrlKey';
import { MAX_WORKFLOW_HEADER_LENGTH } from '../../../shared/model/WorkflowIdentity';
import { useCountedStorage } from '../../support/useCountedStorage';
import { runWithLogSink } from '../../../shared/telemetry/logSink';
import { order, publish } from './eventRequests';
import { deleteLocation, newCallbackUrl, subscribe, workflowHeaders } from './hookRequests';

const TOPIC = 'order.created';
const byUrl = async (callbackUrl: string) => (await getLongrun()).hooks.listByUrl(TOPIC, toUrlKey(TOPIC, callbackUrl));
const failed = (status: number) => ({ kind: 'failureStatus' as const, status, durationMs: 3 });

/** Runs `work` as an invocation would, collecting the warnings it logs. */
async function warningsOf(work: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  await runWithLogSink({ info: () => undefined, warn: (line) => warnings.push(line) }, work);
  return warnings;
}

describe('webhook trigger subscriptions (in process, real Azurite)', () => {
  useCountedStorage();

  test('each subscribe of one callback URL makes its own subscription: id, Location token and secret, all in the 201', async () => {
    const callbackUrl = newCallbackUrl();
    const [first, second] = [await subscribe(callbackUrl), await subscribe(callbackUrl)];
    assert.match(first.id, /^[0-9a-f]{32}$/);
    assert.match(second.id, /^[0-9a-f]{32}$/);
    assert.notEqual(first.id, second.id);
    assert.notEqual(first.location.searchParams.get('token'), second.location.searchParams.get('token'));
    assert.match(first.secret, /^whsec_/);
    assert.match(second.secret, /^whsec_/);
    assert.notEqual(first.secret, second.secret);
    const stored = await byUrl(callbackUrl);
    assert.deepEqual(stored.map((s) => s.hook.id).sort(), [first.id, second.id].sort());
    assert.equal(new Set(stored.map((s) => s.hook.urlKey)).size, 1, 'one URL key');
  });

  test('the subscribe records the caller\'s workflow headers, each cut to the bound', async () => {
    const headers = workflowHeaders({ 'x-ms-correlation-id': 'c'.repeat(500), 'x-ms-action-tracking-id': 'act-1' });
    const callbackUrl = newCallbackUrl();
    const { id } = await subscribe(callbackUrl, headers);
    const [stored] = await byUrl(callbackUrl);
    assert.equal(stored?.hook.id, id);
    assert.deepEqual(stored?.hook.workflow, {
      workflowId: headers['x-ms-workflow-id'],
      workflowName: headers['x-ms-workflow-name'],
      workflowRunId: headers['x-ms-workflow-run-id'],
      clientTrackingId: headers['x-ms-client-tracking-id'],
      operationName: headers['x-ms-workflow-operation-name'],
      actionTrackingId: 'act-1',
      correlationId: 'c'.repeat(MAX_WORKFLOW_HEADER_LENGTH),
    });
  });

  test('DELETE of one Location removes only its own subscription; a second DELETE is 404', async () => {
    const callbackUrl = newCallbackUrl();
    const [first, second] = [await subscribe(callbackUrl), await subscribe(callbackUrl)];
    assert.equal((await deleteLocation(first.location)).status, 200);
    assert.deepEqual((await byUrl(callbackUrl)).map((s) => s.hook.id), [second.id]);
    assert.equal((await deleteLocation(first.location)).status, 404);
    assert.equal((await deleteLocation(second.location)).status, 200);
    assert.deepEqual(await byUrl(callbackUrl), []);
  });

  test(`a subscribe beyond ${MAX_SUBSCRIPTIONS_PER_URL} for one URL retires the oldest`, async () => {
    const callbackUrl = newCallbackUrl();
    const made: string[] = [];
    for (let n = 0; n <= MAX_SUBSCRIPTIONS_PER_URL; n++) made.push((await subscribe(callbackUrl)).id);
    assert.deepEqual((await byUrl(callbackUrl)).map((s) => s.hook.id).sort(), made.slice(1).sort());
  });

  test('a 410 or a 404 from the callback removes every subscription of the URL, a disabled one too, and leaves other URLs; each removal is a hook.removed warning', async () => {
    const store = (await getLongrun()).hooks;
    for (const status of [410, 404]) {
      const [gone, other] = [newCallbackUrl(), newCallbackUrl()];
      await subscribe(gone);
      await subscribe(gone);
      await subscribe(other);
      const [disabled, live] = await byUrl(gone);
      assert.ok(disabled && live);
      await store.replace({ ...disabled.hook, status: 'disabled' }, disabled.etag);
      const warnings = await warningsOf(async () => recordHookHealth(await getLongrun(), [live], failed(status), 72));
      assert.deepEqual(await byUrl(gone), [], `${status}`);
      assert.deepEqual(warnings.sort(), [disabled.hook.id, live.hook.id].sort().map((hookId) => `hook.removed {"topic":"${TOPIC}","hookId":"${hookId}","reason":"gone"}`));
      assert.equal((await byUrl(other)).length, 1);
    }
  });

  test('a long failing streak disables every live subscription of the URL (a hook.disabled warning each); a new subscribe re-activates them all', async () => {
    const store = (await getLongrun()).hooks;
    const callbackUrl = newCallbackUrl();
    await subscribe(callbackUrl);
    await subscribe(callbackUrl);
    const start = new Date(Date.now() - 100 * 3_600_000);
    assert.deepEqual(await warningsOf(async () => recordHookHealth(await getLongrun(), await byUrl(callbackUrl), failed(500), 72, start)), [], 'a streak that starts disables nothing');
    assert.deepEqual((await byUrl(callbackUrl)).map((s) => [s.hook.status, s.hook.failingSince]), [
      ['active', start.toISOString()],
      ['active', start.toISOString()],
    ]);
    const warnings = await warningsOf(async () => recordHookHealth(await getLongrun(), await byUrl(callbackUrl), failed(500), 72));
    assert.deepEqual((await byUrl(callbackUrl)).map((s) => s.hook.status), ['disabled', 'disabled']);
    assert.deepEqual(warnings, (await byUrl(callbackUrl)).map((s) => `hook.disabled {"topic":"${TOPIC}","hookId":"${s.hook.id}","reason":"failing","failingSince":"${start.toISOString()}"}`));
    assert.deepEqual(await store.listActive(TOPIC).then((all) => all.filter((s) => s.hook.urlKey === toUrlKey(TOPIC, callbackUrl))), []);
    await subscribe(callbackUrl);
    const renewed = await byUrl(callbackUrl);
    assert.equal(renewed.length, 3);
    assert.deepEqual(renewed.map((s) => [s.hook.status, s.hook.failingSince]), [
      ['active', undefined],
      ['active', undefined],
      ['active', undefined],
    ]);
  });

  test('a retry reads the URL\'s subscriptions again: it signs with those live now, and with none left it ends cancelled', async () => {
    const callbackUrl = newCallbackUrl();
    const first = await subscribe(callbackUrl);
    const eventId = ((await publish(TOPIC, order(41))).jsonBody as { id: string }).id;
    const target = { topic: TOPIC, hookId: toUrlKey(TOPIC, callbackUrl), eventId };
    const signatures = async () => {
      const resolved = await resolveHookDelivery(await getLongrun(), target);
      return resolved.kind === 'send' ? resolved.request.headers['webhook-signature']?.split(' ').length : resolved.status;
    };
    assert.equal(await signatures(), 1);
    const second = await subscribe(callbackUrl);
    assert.equal(await signatures(), 2);
    await deleteLocation(first.location);
    await deleteLocation(second.location);
    assert.equal(await signatures(), 'cancelled');
    assert.equal(await resolveHookDelivery(await getLongrun(), { ...target, eventId: '0000000000000-none' }).then((r) => r.kind === 'end' && r.status), 'gone');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { getLongrun } from '../../../shared/app/getLongrun';
import { recordHookHealth } from '../../../shared/events/recordHookHealth';
import { toUrlKey } from '../../../shared/events/toUrlKey';
import { withProblems } from '../../../shared/http/withProblems';
import { listHooksHandler } from '../../../functions/listHooks';
import { enableHookHandler } from '../../../functions/enableHook';
import { removeHookHandler } from '../../../functions/removeHook';
import { listEventsHandler } from '../../../functions/listEvents';
import { useCountedStorage } from '../../support/useCountedStorage';
import { order, publish } from './eventRequests';
import { newCallbackUrl, subscribe } from './hookRequests';

const TOPIC = 'order.created';
const failed = (status: number) => ({ kind: 'failureStatus', status, durationMs: 1 }) as const;

function call(handler: (r: HttpRequest) => Promise<HttpResponseInit>, method: string, path: string, params: Record<string, string>): Promise<HttpResponseInit> {
  return withProblems(handler)(new HttpRequest({ method, url: `https://longrun.example/api/${path}`, params }), new InvocationContext());
}

async function latest(topic: string, top = 10): Promise<{ id: string; topic: string; publishedAt: string; data: Record<string, unknown> }[]> {
  const response = await call(listEventsHandler, 'GET', `manage/events/${topic}?top=${top}`, { topic });
  assert.equal(response.status, 200);
  return (response.jsonBody as { value: never[] }).value;
}

describe('hooks under management, and hook.disabled (in process, real Azurite)', () => {
  useCountedStorage();

  test('a failing streak disables the URL\'s subscriptions with a reason, publishes hook.disabled once, and the list shows it without the URL\'s query', async () => {
    const callbackUrl = newCallbackUrl();
    const { id } = await subscribe(callbackUrl);
    const longrun = await getLongrun();
    const byUrl = () => longrun.hooks.listByUrl(TOPIC, toUrlKey(TOPIC, callbackUrl));
    await recordHookHealth(longrun, await byUrl(), failed(500), 72, new Date(Date.now() - 100 * 3_600_000));
    await recordHookHealth(longrun, await byUrl(), failed(500), 72);
    const listed = await call(listHooksHandler, 'GET', `manage/hooks/${TOPIC}`, { topic: TOPIC });
    const hook = (listed.jsonBody as { value: Record<string, unknown>[] }).value.find((h) => h.id === id);
    assert.equal(hook?.status, 'disabled');
    assert.equal(hook?.disabledReason, 'every delivery failed for 72 hours');
    assert.equal(typeof hook?.disabledAt, 'string');
    assert.equal(hook?.callbackUrl, callbackUrl.split('?')[0]);
    assert.doesNotMatch(JSON.stringify(listed.jsonBody), /sig=|whsec_/);
    const events = (await latest('hook.disabled')).filter((e) => (e.data.hookIds as string[]).includes(id));
    assert.equal(events.length, 1);
    assert.equal(events[0]?.data.action, 'disabled');
    assert.doesNotMatch(JSON.stringify(events), /example\.com|sig=/);
    // Another failure of the already disabled URL publishes nothing more.
    await recordHookHealth(longrun, await byUrl(), failed(500), 72);
    assert.equal((await latest('hook.disabled')).filter((e) => (e.data.hookIds as string[]).includes(id)).length, 1);

    const enabled = await call(enableHookHandler, 'POST', `manage/hooks/${TOPIC}/${id}/enable`, { topic: TOPIC, id });
    assert.equal(enabled.status, 200);
    assert.deepEqual([(enabled.jsonBody as Record<string, unknown>).status, (enabled.jsonBody as Record<string, unknown>).disabledReason], ['active', undefined]);
    assert.equal((await longrun.hooks.get(TOPIC, id))?.hook.failingSince, undefined);
  });

  test('a 410 removes the URL\'s subscriptions and publishes hook.disabled with action removed and the status', async () => {
    const callbackUrl = newCallbackUrl();
    const { id } = await subscribe(callbackUrl);
    const longrun = await getLongrun();
    await recordHookHealth(longrun, await longrun.hooks.listByUrl(TOPIC, toUrlKey(TOPIC, callbackUrl)), failed(410), 72);
    const [event] = (await latest('hook.disabled')).filter((e) => (e.data.hookIds as string[]).includes(id));
    assert.deepEqual([event?.data.action, event?.data.status], ['removed', 410]);
  });

  test('DELETE removes one subscription (204, then 404); unknown topics, bad ids and unknown ids are problems', async () => {
    const { id } = await subscribe(newCallbackUrl());
    assert.equal((await call(removeHookHandler, 'DELETE', `manage/hooks/${TOPIC}/${id}`, { topic: TOPIC, id })).status, 204);
    assert.equal((await call(removeHookHandler, 'DELETE', `manage/hooks/${TOPIC}/${id}`, { topic: TOPIC, id })).status, 404);
    assert.equal((await call(enableHookHandler, 'POST', `manage/hooks/${TOPIC}/${id}/enable`, { topic: TOPIC, id })).status, 404);
    assert.equal((await call(enableHookHandler, 'POST', `manage/hooks/${TOPIC}/nothex/enable`, { topic: TOPIC, id: 'nothex' })).status, 400);
    assert.equal((await call(listHooksHandler, 'GET', 'manage/hooks/no.such', { topic: 'no.such' })).status, 404);
    assert.equal((await call(listHooksHandler, 'GET', `manage/hooks/${TOPIC}?top=0`, { topic: TOPIC })).status, 400);
  });

  test('the latest events of a topic come newest first, at most top', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(((await publish(TOPIC, order(700 + n))).jsonBody as { id: string }).id);
    const found = await latest(TOPIC, 3);
    assert.deepEqual(found.map((e) => e.id), ids.slice(-3).reverse());
    assert.equal(found[0]?.topic, TOPIC);
    assert.equal((await call(listEventsHandler, 'GET', `manage/events/${TOPIC}?top=abc`, { topic: TOPIC })).status, 400);
  });
});

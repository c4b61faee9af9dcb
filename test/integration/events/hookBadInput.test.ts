import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { subscribeHookHandler } from '../../../functions/subscribeHook';
import { deleteHookHandler } from '../../../functions/deleteHook';
import { subscribeJobHandler } from '../../../functions/subscribeJob';
import { withProblems } from '../../../shared/http/withProblems';
import { useCountedStorage } from '../../support/useCountedStorage';

const subscribeHook = withProblems(subscribeHookHandler);
const deleteHook = withProblems(deleteHookHandler);
const subscribeJob = withProblems(subscribeJobHandler);

const post = (path: string, params: Record<string, string>, body: unknown) =>
  new HttpRequest({ method: 'POST', url: `https://longrun.example/api/${path}`, params, headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(body) } });

describe('hooks and subscriptions: bad input gets a 4xx problem and stores nothing', () => {
  const storage = useCountedStorage();

  function refused(response: HttpResponseInit, status: number): void {
    assert.equal(response.status, status);
    assert.equal((response.headers as Record<string, string>)['Content-Type'], 'application/problem+json');
    assert.deepEqual(storage.counter.calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD'), [], 'nothing stored');
  }

  test('an unknown topic is 404', async () => {
    refused(await subscribeHook(post('hooks/nope', { topic: 'nope' }, { callbackUrl: 'https://example.com/x' }), new InvocationContext()), 404);
  });

  for (const [why, url] of [
    ['not absolute', '/relative'],
    ['not http(s)', 'ftp://example.com/x'],
    ['user info', 'https://user:pw@example.com/x'],
    ['http while https-only', 'http://example.com/x'],
    ['a loopback literal', 'https://127.0.0.1/x'],
    ['the metadata address', 'https://169.254.169.254/latest'],
    ['the Azure WireServer', 'https://168.63.129.16/machine?comp=goalstate'],
    ['the Azure WireServer as a decimal integer', 'https://2822734096/machine?comp=goalstate'],
    ['the Azure WireServer as IPv4-mapped IPv6', 'https://[::ffff:a83f:8110]/machine?comp=goalstate'],
    ['an IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/x'],
  ] as const) {
    test(`a callback URL that is ${why} is 400 for hooks and for the webhook action`, async () => {
      refused(await subscribeHook(post('hooks/order.created', { topic: 'order.created' }, { callbackUrl: url }), new InvocationContext()), 400);
      const body = { callbackUrl: url, input: { flavor: 'vanilla', minutes: 0 } };
      refused(await subscribeJob(post('jobs/bake/subscribe', { kind: 'bake' }, body), new InvocationContext()), 400);
    });
  }

  test('a webhook action subscribe with input that breaks the schema lists the paths under input', async () => {
    const response = await subscribeJob(post('jobs/bake/subscribe', { kind: 'bake' }, { callbackUrl: 'https://example.com/cb', input: { flavor: 'x' } }), new InvocationContext());
    refused(response, 400);
    const paths = (response.jsonBody as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    assert.deepEqual(paths, ['input.flavor', 'input.minutes']);
  });

  test('a wrong hook token is 404 and the hook stays', async () => {
    const created = await subscribeHook(post('hooks/order.created', { topic: 'order.created' }, { callbackUrl: 'https://example.com/hook' }), new InvocationContext());
    assert.equal(created.status, 201);
    const location = new URL((created.headers as Record<string, string>).Location ?? '');
    const id = location.pathname.split('/').pop() ?? '';
    storage.counter.reset();
    const wrong = new HttpRequest({ method: 'DELETE', url: `https://longrun.example/api/hooks/${id}?token=wrong`, params: { id }, query: { token: 'wrong' } });
    refused(await deleteHook(wrong, new InvocationContext()), 404);
    const right = new HttpRequest({ method: 'DELETE', url: location.toString(), params: { id }, query: Object.fromEntries(location.searchParams) });
    assert.equal((await deleteHook(right, new InvocationContext())).status, 200);
  });
});

describe('the Azure platform addresses are refused at subscribe even where private and loopback networks are allowed', () => {
  const storage = useCountedStorage({ LONGRUN_CALLBACK_ALLOWED_NETWORKS: '0.0.0.0/0,::/0', LONGRUN_CALLBACK_HTTPS_ONLY: 'false' });

  for (const url of ['https://168.63.129.16/machine?comp=goalstate', 'http://168.63.129.16:32526/vmSettings', 'http://169.254.169.254/metadata/identity/oauth2/token', 'https://[::ffff:168.63.129.16]/machine']) {
    test(`${url} is 400 for hooks and for the webhook action, and nothing is stored`, async () => {
      for (const response of [
        await subscribeHook(post('hooks/order.created', { topic: 'order.created' }, { callbackUrl: url }), new InvocationContext()),
        await subscribeJob(post('jobs/bake/subscribe', { kind: 'bake' }, { callbackUrl: url, input: { flavor: 'vanilla', minutes: 0 } }), new InvocationContext()),
      ]) {
        assert.equal(response.status, 400);
        assert.equal((response.headers as Record<string, string>)['Content-Type'], 'application/problem+json');
        assert.doesNotMatch(JSON.stringify(response.jsonBody), /comp=goalstate|oauth2/, 'the URL is not echoed');
      }
      assert.deepEqual(storage.writes(), [], 'nothing stored');
    });
  }

  test('a loopback callback is still allowed there (the allow-list works for everything else)', async () => {
    const response = await subscribeHook(post('hooks/order.created', { topic: 'order.created' }, { callbackUrl: 'http://127.0.0.1:9/hook' }), new InvocationContext());
    assert.equal(response.status, 201);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { startJobHandler } from '../../../functions/startJob';
import { subscribeJobHandler } from '../../../functions/subscribeJob';
import { subscribeHookHandler } from '../../../functions/subscribeHook';
import { cancelJobHandler } from '../../../functions/cancelJob';
import { pollTriggerHandler } from '../../../functions/pollTrigger';
import { withProblems } from '../../../shared/http/withProblems';
import { getLongrun } from '../../../shared/app/getLongrun';
import { useCountedStorage, type CountedStorage } from '../../support/useCountedStorage';
import { JobTable } from '../../support/JobTable';

const handlers = {
  startJob: withProblems(startJobHandler),
  subscribeJob: withProblems(subscribeJobHandler),
  subscribeHook: withProblems(subscribeHookHandler),
  cancelJob: withProblems(cancelJobHandler),
  pollTrigger: withProblems(pollTriggerHandler),
};
const ORIGIN = 'https://longrun.example';
const bake = { flavor: 'vanilla', minutes: 0 };

type Call = (headers: Record<string, string>) => Promise<HttpResponseInit>;
const post = (handler: keyof typeof handlers, path: string, params: Record<string, string>, body: unknown): Call => (headers) =>
  handlers[handler](
    new HttpRequest({ method: 'POST', url: `${ORIGIN}/api/${path}`, params, headers: { 'content-type': 'application/json', ...headers }, body: { string: JSON.stringify(body) } }),
    new InvocationContext(),
  );
/** Every route that writes (or reads) and then answers with a URL built from the public base. */
const routes: Record<string, Call> = {
  'a polling start': post('startJob', 'jobs/bake', { kind: 'bake' }, bake),
  'a webhook action subscribe': post('subscribeJob', 'jobs/bake/subscribe', { kind: 'bake' }, { callbackUrl: 'https://example.com/cb?sig=s', input: bake }),
  'a webhook trigger subscribe': post('subscribeHook', 'hooks/order.created', { topic: 'order.created' }, { callbackUrl: 'https://example.com/hook?sig=s' }),
  "a polling trigger's first call": (headers) =>
    handlers.pollTrigger(new HttpRequest({ method: 'GET', url: `${ORIGIN}/api/triggers/order.created`, params: { topic: 'order.created' }, headers }), new InvocationContext()),
};
const locationOf = (response: HttpResponseInit) => new URL((response.headers as Record<string, string>).Location ?? '');

/** A job started without forwarded headers and staged as running (a cancel then answers 202 + Location): its status URL. */
async function runningJob(storage: CountedStorage): Promise<URL> {
  const started = await routes['a polling start']?.({});
  assert.equal(started?.status, 202);
  const status = locationOf(started ?? {});
  await new JobTable(storage.azurite.connectionString).merge(status.pathname.split('/').pop() ?? '', { status: 'running' });
  return status;
}
const cancel = (status: URL, headers: Record<string, string>) => {
  const id = status.pathname.split('/').pop() ?? '';
  return handlers.cancelJob(new HttpRequest({ method: 'DELETE', url: status.toString(), params: { id }, query: Object.fromEntries(status.searchParams), headers }), new InvocationContext());
};

/** How many jobs and hooks are stored, read past the counting proxy. */
async function countRows(storage: CountedStorage): Promise<{ jobs: number; hooks: number }> {
  const jobs = (await new JobTable(storage.azurite.connectionString).list()).length;
  return { jobs, hooks: (await (await getLongrun()).hooks.listActive('order.created')).length };
}

async function storesNothing(storage: CountedStorage, before: { jobs: number; hooks: number }): Promise<void> {
  assert.deepEqual(storage.writes(), [], 'no row, message or blob was written');
  assert.deepEqual(await countRows(storage), before, 'the jobs and hooks tables hold no new row');
}

describe('absolute URLs without LONGRUN_TRUST_FORWARDED_HEADERS: a client’s X-Forwarded-Host is ignored', () => {
  const storage = useCountedStorage({ LONGRUN_TRUST_FORWARDED_HEADERS: undefined });

  for (const [route, call] of Object.entries(routes)) {
    test(`${route} with X-Forwarded-Host: attacker.example answers a Location on the app’s own host`, async () => {
      const response = await call({ 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'http' });
      assert.ok(response.status === 201 || response.status === 202, String(response.status));
      assert.equal(locationOf(response).origin, ORIGIN);
    });
  }

  test('a malformed X-Forwarded-Host is ignored too: a cancel is recorded and its Location is on the app’s own host', async () => {
    const status = await runningJob(storage);
    const response = await cancel(status, { 'x-forwarded-host': 'exa mple' });
    assert.equal(response.status, 202);
    assert.equal(locationOf(response).origin, ORIGIN);
    assert.equal((await new JobTable(storage.azurite.connectionString).get(status.pathname.split('/').pop() ?? ''))?.cancelRequested, true);
  });
});

describe('absolute URLs with LONGRUN_TRUST_FORWARDED_HEADERS=true', () => {
  const storage = useCountedStorage({ LONGRUN_TRUST_FORWARDED_HEADERS: 'true' });

  for (const [route, call] of Object.entries(routes)) {
    test(`${route} with a valid forwarded host and proto answers a Location on that host`, async () => {
      const response = await call({ 'x-forwarded-host': 'api.example.com:8443, proxy.internal', 'x-forwarded-proto': 'https' });
      assert.ok(response.status === 201 || response.status === 202, String(response.status));
      assert.equal(locationOf(response).origin, 'https://api.example.com:8443');
    });
  }

  for (const host of ['exa mple', '%', 'a:99999', '[::1', 'a/b?c#d']) {
    test(`X-Forwarded-Host ${JSON.stringify(host)} is a 400 problem on every route that writes, and nothing is stored`, async () => {
      const before = await countRows(storage);
      for (const [route, call] of Object.entries(routes)) {
        storage.counter.reset();
        const response = await call({ 'x-forwarded-host': host });
        assert.equal(response.status, 400, route);
        assert.equal((response.headers as Record<string, string>)['Content-Type'], 'application/problem+json', route);
        assert.match((response.jsonBody as { detail: string }).detail, /X-Forwarded-Host/, route);
        await storesNothing(storage, before);
      }
    });
  }

  test('a cancel with a malformed X-Forwarded-Host is a 400 before the cancel is written: the job runs on', async () => {
    const status = await runningJob(storage);
    storage.counter.reset();
    const response = await cancel(status, { 'x-forwarded-host': 'a:99999' });
    assert.equal(response.status, 400);
    assert.deepEqual(storage.writes(), [], 'the cancel was not written');
    const row = await new JobTable(storage.azurite.connectionString).get(status.pathname.split('/').pop() ?? '');
    assert.equal(row?.cancelRequested, false);
    assert.equal(row?.status, 'running');
  });

  test('a malformed X-Forwarded-Proto is a 400 problem that stores nothing', async () => {
    const before = await countRows(storage);
    storage.counter.reset();
    const response = await routes['a polling start']?.({ 'x-forwarded-proto': 'gopher' });
    assert.equal(response?.status, 400);
    await storesNothing(storage, before);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { startJobHandler } from '../../../functions/startJob';
import { getJobHandler } from '../../../functions/getJob';
import { cancelJobHandler } from '../../../functions/cancelJob';
import { withProblems } from '../../../shared/http/withProblems';
import { runJob } from '../../../shared/jobs/runJob';
import { jobKinds } from '../../../shared/jobs/catalog';
import { useCountedStorage } from '../../support/useCountedStorage';
import { getLongrun } from '../../../shared/app/getLongrun';
import { QUEUES } from '../../../shared/storage/names';
import { jobMessageSchema } from '../../../shared/storage/JobQueue';
import { fromQueueMessage } from '../../../shared/storage/queueMessage';

const start = withProblems(startJobHandler);
const status = withProblems(getJobHandler);
const cancel = withProblems(cancelJobHandler);
const ctx = () => new InvocationContext();

function post(kind: string, body: unknown, headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: `http://localhost:7071/api/jobs/${kind}`,
    params: { kind },
    headers: { 'content-type': 'application/json', ...headers },
    body: { string: JSON.stringify(body) },
  });
}

function at(location: string, method = 'GET'): HttpRequest {
  const url = new URL(location);
  const id = url.pathname.split('/').pop() ?? '';
  return new HttpRequest({ method, url: location, params: { id }, query: Object.fromEntries(url.searchParams) });
}

const header = (r: HttpResponseInit, name: string) => (r.headers as Record<string, string>)[name];

async function bodyOf(response: HttpResponseInit): Promise<any> {
  if (response.jsonBody !== undefined) return response.jsonBody;
  if (typeof response.body === 'string') return JSON.parse(response.body);
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const run = async (id: string) => runJob((await getLongrun()).jobStores, id, { kinds: jobKinds, sliceSeconds: 240, markRunningAfterMs: 50 });

describe('jobs: start, status, worker, cancel (in process, real Azurite)', () => {
  const storage = useCountedStorage();

  test('start answers 202 with an absolute Location, an integer Retry-After and the queued envelope', async () => {
    const response = await start(post('bake', { flavor: 'vanilla', minutes: 0 }), ctx());
    assert.equal(response.status, 202);
    assert.match(header(response, 'Location') ?? '', /^http:\/\/localhost:7071\/api\/jobs\/[0-9a-f]{32}\?token=[\w-]{43}$/);
    assert.match(header(response, 'Retry-After') ?? '', /^\d+$/);
    const body = await bodyOf(response);
    assert.equal(body.status, 'queued');
    assert.equal(body.kind, 'bake');
  });

  test('the start is one table write and one queue send; the status read is one table read', async () => {
    const response = await start(post('bake', { flavor: 'vanilla', minutes: 0 }), ctx());
    const startCalls = storage.counter.calls.filter((c) => !(c.service === 'queue' && c.method === 'GET'));
    assert.deepEqual(startCalls.map((c) => `${c.service} ${c.method}`).sort(), ['queue POST', 'table POST']);
    storage.counter.reset();
    await status(at(header(response, 'Location') ?? ''), ctx());
    assert.deepEqual(storage.counter.calls.map((c) => `${c.service} ${c.method}`), ['table GET']);
  });

  test('a zero-work job goes from queued to succeeded in one write, and the status URL answers 200 with the result', async () => {
    const response = await start(post('bake', { flavor: 'chocolate', minutes: 0 }), ctx());
    const location = header(response, 'Location') ?? '';
    const id = new URL(location).pathname.split('/').pop() ?? '';
    storage.counter.reset();
    const outcome = await run(id);
    assert.equal(outcome.kind, 'ended');
    const writes = storage.counter.calls.filter((c) => c.service === 'table' && c.method !== 'GET');
    assert.equal(writes.length, 1, JSON.stringify(storage.counter.calls));
    const done = await status(at(location), ctx());
    assert.equal(done.status, 200);
    const body = await bodyOf(done);
    assert.equal(body.status, 'succeeded');
    assert.equal(body.result.flavor, 'chocolate');
    assert.ok(body.completedAt);
  });

  test('a wrong or missing token is 404 and an id that does not parse is 400', async () => {
    const response = await start(post('bake', { flavor: 'chocolate', minutes: 0 }), ctx());
    const location = new URL(header(response, 'Location') ?? '');
    location.searchParams.set('token', 'x'.repeat(43));
    assert.equal((await status(at(location.toString()), ctx())).status, 404);
    location.searchParams.delete('token');
    assert.equal((await status(at(location.toString()), ctx())).status, 404);
    assert.equal((await status(at('http://localhost:7071/api/jobs/not-an-id?token=abc'), ctx())).status, 400);
  });

  test('Idempotency-Key: the same key and body answer the existing job; another body is 409', async () => {
    const key = { 'idempotency-key': `run-1-action-${Date.now()}` };
    const first = await start(post('bake', { flavor: 'lemon', minutes: 0 }, key), ctx());
    const again = await start(post('bake', { flavor: 'lemon', minutes: 0 }, key), ctx());
    const idOf = (r: HttpResponseInit) => new URL(header(r, 'Location') ?? '').pathname.split('/').pop();
    assert.equal(idOf(again), idOf(first));
    assert.equal((await status(at(header(again, 'Location') ?? ''), ctx())).status, 202);
    assert.equal((await status(at(header(first, 'Location') ?? ''), ctx())).status, 202, 'the first status URL still works');
    const other = await start(post('bake', { flavor: 'vanilla', minutes: 0 }, key), ctx());
    assert.equal(other.status, 409);
  });

  test('DELETE on a queued job cancels it at once: 200 + envelope, then 409 on the status URL', async () => {
    const response = await start(post('bake', { flavor: 'lemon', minutes: 5 }), ctx());
    const location = header(response, 'Location') ?? '';
    const cancelled = await cancel(at(location, 'DELETE'), ctx());
    assert.equal(cancelled.status, 200);
    assert.equal((await bodyOf(cancelled)).status, 'cancelled');
    assert.equal((await cancel(at(location, 'DELETE'), ctx())).status, 200, 'cancel is idempotent');
    const after = await status(at(location), ctx());
    assert.equal(after.status, 409);
    assert.equal(header(after, 'Content-Type'), 'application/problem+json');
  });

  test('DELETE on a running job ends it cancelled within one step', async () => {
    const response = await start(post('bake', { flavor: 'lemon', minutes: 50, secondsPerMinute: 0.2 }), ctx());
    const location = header(response, 'Location') ?? '';
    const id = new URL(location).pathname.split('/').pop() ?? '';
    const running = run(id);
    await new Promise((r) => setTimeout(r, 700));
    const pending = await cancel(at(location, 'DELETE'), ctx());
    assert.equal(pending.status, 202);
    const outcome = await running;
    assert.equal(outcome.kind, 'ended');
    assert.equal(outcome.kind === 'ended' && outcome.job.status, 'cancelled');
    assert.ok(outcome.kind === 'ended' && (outcome.job.progress ?? 0) < 40, 'stopped early');
    assert.equal((await status(at(location), ctx())).status, 409);
  });

  test('a redelivered message for a terminal job is a no-op', async () => {
    const response = await start(post('bake', { flavor: 'lemon', minutes: 0 }), ctx());
    const id = new URL(header(response, 'Location') ?? '').pathname.split('/').pop() ?? '';
    await run(id);
    storage.counter.reset();
    assert.equal((await run(id)).kind, 'alreadyEnded');
    assert.deepEqual(storage.counter.calls.map((c) => `${c.service} ${c.method}`), ['table GET']);
  });

  test('two concurrent starts with the same Idempotency-Key make one job, and both answer it', async () => {
    for (let round = 0; round < 5; round++) {
      const key = { 'idempotency-key': `race-${round}-${Date.now()}` };
      const body = { flavor: 'lemon', minutes: 0 };
      const [a, b] = await Promise.all([start(post('bake', body, key), ctx()), start(post('bake', body, key), ctx())]);
      assert.deepEqual([a.status, b.status].sort(), [202, 202]);
      const idOf = (r: HttpResponseInit) => new URL(header(r, 'Location') ?? '').pathname.split('/').pop();
      assert.equal(idOf(a), idOf(b), `round ${round}: one job`);
    }
  });

  test('a job cancelled while its row still says queued is left to the cancel, and its after-end steps still run', async () => {
    // The first checkpoint comes after 1.5 s and the running mark after 10 s: the cancel lands while
    // the row still says queued although the worker runs.
    const response = await start(post('bake', { flavor: 'lemon', minutes: 20, secondsPerMinute: 1.5 }), ctx());
    const location = header(response, 'Location') ?? '';
    const id = new URL(location).pathname.split('/').pop() ?? '';
    const running = runJob((await getLongrun()).jobStores, id, { kinds: jobKinds, sliceSeconds: 240, markRunningAfterMs: 10_000 });
    await new Promise((r) => setTimeout(r, 250));
    assert.equal((await cancel(at(location, 'DELETE'), ctx())).status, 200);
    const outcome = await running;
    assert.equal(outcome.kind, 'alreadyEnded');
    assert.equal(outcome.kind === 'alreadyEnded' && outcome.job.status, 'cancelled');
  });

  test("a new job's message carries its row, so the first run reads nothing: the polling job costs the storage floor", async () => {
    const stores = (await getLongrun()).jobStores;
    const response = await start(post('bake', { flavor: 'vanilla', minutes: 0 }), ctx());
    const id = new URL(header(response, 'Location') ?? '').pathname.split('/').pop() ?? '';
    const queue = (await getLongrun()).storage.queue(QUEUES.jobs);
    const received = await queue.receiveMessages({ numberOfMessages: 32 });
    const mine = received.receivedMessageItems.map((m) => ({ m, body: jobMessageSchema.parse(fromQueueMessage(m.messageText)) })).find((x) => x.body.jobId === id);
    assert.ok(mine?.body.snapshot, 'the message carries the snapshot');
    assert.doesNotMatch(mine.m.messageText, /sig=/);
    storage.counter.reset();
    const outcome = await runJob(stores, id, { kinds: jobKinds, sliceSeconds: 240, snapshot: mine.body.snapshot });
    assert.equal(outcome.kind, 'ended');
    const tableCalls = storage.counter.calls.filter((c) => c.service === 'table');
    assert.deepEqual(tableCalls.map((c) => c.method), ['PUT'], 'one terminal write, no read');
  });

  test('a stale snapshot (the job was cancelled meanwhile) is caught by the ETag: the cancel stands', async () => {
    const stores = (await getLongrun()).jobStores;
    const response = await start(post('bake', { flavor: 'vanilla', minutes: 0 }), ctx());
    const location = header(response, 'Location') ?? '';
    const id = new URL(location).pathname.split('/').pop() ?? '';
    const stale = stores.jobs.toSnapshot((await stores.jobs.get(id))!);
    assert.equal((await cancel(at(location, 'DELETE'), ctx())).status, 200);
    const outcome = await runJob(stores, id, { kinds: jobKinds, sliceSeconds: 240, snapshot: stale });
    assert.equal(outcome.kind, 'alreadyEnded');
    assert.equal((await status(at(location), ctx())).status, 409);
  });
});

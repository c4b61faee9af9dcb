import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { startJobHandler } from '../../../functions/startJob';
import { getJobHandler } from '../../../functions/getJob';
import { cancelJobHandler } from '../../../functions/cancelJob';
import { getJobCancellationHandler } from '../../../functions/getJobCancellation';
import { withProblems } from '../../../shared/http/withProblems';
import { runJob } from '../../../shared/jobs/runJob';
import { jobKinds } from '../../../shared/jobs/catalog';
import { unexpectedFailure } from '../../../shared/model/JobFailure';
import { getLongrun } from '../../../shared/app/getLongrun';
import { useCountedStorage } from '../../support/useCountedStorage';

const start = withProblems(startJobHandler);
const status = withProblems(getJobHandler);
const cancel = withProblems(cancelJobHandler);
const cancellation = withProblems(getJobCancellationHandler);
const ctx = () => new InvocationContext();

function post(body: unknown): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'http://localhost:7071/api/jobs/bake',
    params: { kind: 'bake' },
    headers: { 'content-type': 'application/json' },
    body: { string: JSON.stringify(body) },
  });
}

/** A request to a job URL (`/api/jobs/{id}` or `/api/jobs/{id}/cancellation`), params as the host fills them. */
function at(location: string, method = 'GET'): HttpRequest {
  const url = new URL(location);
  const id = url.pathname.split('/')[3] ?? '';
  return new HttpRequest({ method, url: location, params: { id }, query: Object.fromEntries(url.searchParams) });
}

const header = (r: HttpResponseInit, name: string) => (r.headers as Record<string, string> | undefined)?.[name];
const idOf = (location: string) => new URL(location).pathname.split('/')[3] ?? '';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startedBake(minutes: number, secondsPerMinute: number): Promise<string> {
  const response = await start(post({ flavor: 'lemon', minutes, secondsPerMinute }), ctx());
  assert.equal(response.status, 202);
  return header(response, 'Location') ?? '';
}

describe('the cancellation URL a pending cancel points at (in process, real Azurite)', () => {
  const storage = useCountedStorage();

  test('DELETE on a running job answers 202 + the cancellation URL; it answers 202 until the job ends, then 200 + envelope; the status URL answers 409', async () => {
    const statusUrl = await startedBake(50, 0.2);
    const running = runJob((await getLongrun()).jobStores, idOf(statusUrl), { kinds: jobKinds, sliceSeconds: 240, markRunningAfterMs: 50 });
    await sleep(700);

    const pending = await cancel(at(statusUrl, 'DELETE'), ctx());
    assert.equal(pending.status, 202);
    const location = header(pending, 'Location') ?? '';
    const token = new URL(statusUrl).searchParams.get('token');
    assert.equal(location, `http://localhost:7071/api/jobs/${idOf(statusUrl)}/cancellation?token=${token}`);
    assert.match(header(pending, 'Retry-After') ?? '', /^[0-5]$/);

    // Polled as the engine polls it: 202 with the same Location, until the worker ends the job.
    let answer = await cancellation(at(location), ctx());
    while (answer.status === 202) {
      assert.equal(header(answer, 'Location'), location);
      await sleep(100);
      answer = await cancellation(at(location), ctx());
    }
    assert.equal(answer.status, 200);
    assert.equal(answer.jsonBody.status, 'cancelled');
    assert.equal((await running).kind, 'ended');
    assert.equal((await status(at(statusUrl), ctx())).status, 409, 'the status URL still answers 409 for the cancelled job');
    assert.equal((await cancel(at(statusUrl, 'DELETE'), ctx())).status, 200, 'a DELETE once terminal is 200 + envelope');
  });

  test('a job that ended otherwise before the cancel took effect answers 200 + its envelope on the cancellation URL', async () => {
    const statusUrl = await startedBake(50, 1);
    const stores = (await getLongrun()).jobStores;
    const id = idOf(statusUrl);
    // Running, then cancelled: no worker comes, so the cancel stays pending.
    const runningRow = (await stores.jobs.get(id))!;
    await stores.jobs.replace({ ...runningRow.job, status: 'running' }, runningRow.etag);
    const pending = await cancel(at(statusUrl, 'DELETE'), ctx());
    assert.equal(pending.status, 202);
    const location = header(pending, 'Location') ?? '';
    assert.equal((await cancellation(at(location), ctx())).status, 202);

    // The job fails before its next checkpoint would have seen the cancel.
    const requested = (await stores.jobs.get(id))!;
    const endedAt = new Date().toISOString();
    await stores.jobs.replace({ ...requested.job, status: 'failed', error: unexpectedFailure('boom'), completedAt: endedAt, updatedAt: endedAt }, requested.etag);
    const answer = await cancellation(at(location), ctx());
    assert.equal(answer.status, 200);
    assert.equal(answer.jsonBody.status, 'failed');
  });

  test('an unknown id, a wrong or missing token is 404 as on the status URL; an id that does not parse is 400', async () => {
    const statusUrl = await startedBake(5, 1);
    const url = new URL(statusUrl.replace(/\?.*$/, '/cancellation'));
    url.searchParams.set('token', 'x'.repeat(43));
    assert.equal((await cancellation(at(url.toString()), ctx())).status, 404);
    url.searchParams.delete('token');
    assert.equal((await cancellation(at(url.toString()), ctx())).status, 404);
    const unknown = `http://localhost:7071/api/jobs/${'0'.repeat(32)}/cancellation?token=${new URL(statusUrl).searchParams.get('token')}`;
    assert.equal((await cancellation(at(unknown), ctx())).status, 404);
    assert.equal((await cancellation(at('http://localhost:7071/api/jobs/nope/cancellation?token=abc'), ctx())).status, 400);
  });

  test('a poll of the cancellation URL is one table read', async () => {
    const statusUrl = await startedBake(5, 1);
    const stores = (await getLongrun()).jobStores;
    const row = (await stores.jobs.get(idOf(statusUrl)))!;
    await stores.jobs.replace({ ...row.job, status: 'running' }, row.etag);
    const location = header(await cancel(at(statusUrl, 'DELETE'), ctx()), 'Location') ?? '';
    storage.counter.reset();
    assert.equal((await cancellation(at(location), ctx())).status, 202);
    assert.deepEqual(storage.counter.calls.map((c) => `${c.service} ${c.method}`), ['table GET']);
  });
});

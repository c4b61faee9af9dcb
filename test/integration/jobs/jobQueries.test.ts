import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { startJobHandler } from '../../../functions/startJob';
import { subscribeJobHandler } from '../../../functions/subscribeJob';
import { getJobHandler } from '../../../functions/getJob';
import { listJobsHandler } from '../../../functions/listJobs';
import { getManagedJobHandler } from '../../../functions/getManagedJob';
import { getManagedJobResultHandler } from '../../../functions/getManagedJobResult';
import { cancelManagedJobHandler } from '../../../functions/cancelManagedJob';
import { withProblems } from '../../../shared/http/withProblems';
import { runJob } from '../../../shared/jobs/runJob';
import { afterJobEnded } from '../../../shared/jobs/afterJobEnded';
import { jobKinds } from '../../../shared/jobs/catalog';
import { newJobId } from '../../../shared/jobs/newJobId';
import { getLongrun } from '../../../shared/app/getLongrun';
import type { Job, JobStatus } from '../../../shared/model/Job';
import { QUEUES } from '../../../shared/storage/names';
import { jobMessageSchema } from '../../../shared/storage/JobQueue';
import { fromQueueMessage } from '../../../shared/storage/queueMessage';
import { useCountedStorage } from '../../support/useCountedStorage';
import { JobTable } from '../../support/JobTable';

const BASE = 'http://localhost:7071/api';
const start = withProblems(startJobHandler);
const subscribe = withProblems(subscribeJobHandler);
const status = withProblems(getJobHandler);
const list = withProblems(listJobsHandler);
const getManaged = withProblems(getManagedJobHandler);
const getResult = withProblems(getManagedJobResultHandler);
const cancelManaged = withProblems(cancelManagedJobHandler);
const ctx = () => new InvocationContext();

const WORKFLOW_HEADERS = {
  'x-ms-workflow-id': '/subscriptions/s/resourceGroups/g/providers/Microsoft.Logic/workflows/orders',
  'x-ms-workflow-name': 'orders',
  'x-ms-workflow-run-id': '08584000000000000000000000001CU01',
  'x-ms-workflow-operation-name': 'Bake_the_cake',
  'x-ms-action-tracking-id': 'a1b2c3',
  'x-ms-correlation-id': 'corr-1',
};

function post(path: string, params: Record<string, string>, body: unknown, headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({ method: 'POST', url: `${BASE}/${path}`, params, headers: { 'content-type': 'application/json', ...headers }, body: { string: JSON.stringify(body) } });
}

function get(url: string, params: Record<string, string> = {}, method = 'GET'): HttpRequest {
  const parsed = new URL(url);
  return new HttpRequest({ method, url, params, query: Object.fromEntries(parsed.searchParams) });
}

const listUrl = (query: Record<string, string>) => `${BASE}/manage/jobs?${new URLSearchParams(query).toString()}`;
const header = (r: HttpResponseInit, name: string) => (r.headers as Record<string, string> | undefined)?.[name];
const idOf = (location: string) => new URL(location).pathname.split('/').pop() ?? '';

async function bodyOf(response: HttpResponseInit): Promise<any> {
  if (response.jsonBody !== undefined) return response.jsonBody;
  const chunks: Buffer[] = [];
  for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** A job row as a start would write it, started at `ms` (its id time-ordered on it). */
function jobAt(ms: number, kind: string, jobStatus: JobStatus, extra: Partial<Job> = {}): Job {
  const at = new Date(ms).toISOString();
  return {
    id: newJobId(ms),
    kind,
    status: jobStatus,
    tokenHashes: ['h'],
    createdAt: at,
    updatedAt: at,
    input: { inline: '{}' },
    step: 0,
    cancelRequested: false,
    ...(jobStatus === 'succeeded' ? { completedAt: at, result: { inline: '{"ok":true}' }, progress: 100 } : {}),
    ...extra,
  };
}

describe('job queries and the workflow identity (in process, real Azurite)', () => {
  const storage = useCountedStorage();

  test('the polling job with workflow headers and a list route still costs at most 6 storage calls from start to deleted message', async (t) => {
    const longrun = await getLongrun();
    const queue = longrun.storage.queue(QUEUES.jobs);
    const whole = async (headers: Record<string, string>): Promise<string[]> => {
      storage.counter.reset();
      const started = await start(post('jobs/bake', { kind: 'bake' }, { flavor: 'vanilla', minutes: 0 }, headers), ctx());
      assert.equal(started.status, 202);
      const id = idOf(header(started, 'Location') ?? '');
      const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 1 });
      const message = receivedMessageItems[0];
      assert.ok(message);
      const parsed = jobMessageSchema.parse(fromQueueMessage(message.messageText));
      assert.equal(parsed.jobId, id);
      const outcome = await runJob(longrun.jobStores, id, { kinds: jobKinds, sliceSeconds: 240, ...(parsed.snapshot ? { snapshot: parsed.snapshot } : {}) });
      assert.equal(outcome.kind, 'ended');
      if (outcome.kind === 'ended') await afterJobEnded(longrun, outcome.job, ctx(), { redelivered: false });
      await queue.deleteMessage(message.messageId, message.popReceipt);
      return storage.counter.calls.map((c) => `${c.service} ${c.method}`);
    };
    await queue.clearMessages();
    await whole({}); // warms the caches a running instance has warm (backlog, hook counts)
    const calls = await whole({ ...WORKFLOW_HEADERS, 'x-ms-client-tracking-id': `cost-${randomBytes(4).toString('hex')}` });
    t.diagnostic(`polling job: ${calls.length} calls: ${calls.join(', ')}`);
    assert.ok(calls.length <= 6, `the polling job cost ${calls.length} calls: ${calls.join(', ')}`);
    assert.equal(calls.filter((c) => c.startsWith('table')).length, 3, `insert, terminal write, feed batch: ${calls.join(', ')}`);
  });

  test('a polling job started with the workflow headers shows them in its envelope, and a list filtered by its client tracking id finds it alone', async () => {
    const trackingId = `track-${randomBytes(6).toString('hex')}`;
    const headers = { ...WORKFLOW_HEADERS, 'x-ms-client-tracking-id': trackingId };
    const started = await start(post('jobs/bake', { kind: 'bake' }, { flavor: 'lemon', minutes: 0 }, headers), ctx());
    await start(post('jobs/bake', { kind: 'bake' }, { flavor: 'lemon', minutes: 0 }, { ...headers, 'x-ms-client-tracking-id': `${trackingId}-other` }), ctx());
    const location = header(started, 'Location') ?? '';
    const id = idOf(location);
    const expected = {
      workflowId: WORKFLOW_HEADERS['x-ms-workflow-id'],
      workflowName: 'orders',
      workflowRunId: WORKFLOW_HEADERS['x-ms-workflow-run-id'],
      clientTrackingId: trackingId,
      operationName: 'Bake_the_cake',
      actionTrackingId: 'a1b2c3',
      correlationId: 'corr-1',
    };
    assert.deepEqual((await bodyOf(started)).workflow, expected, 'the start answer');
    assert.deepEqual((await bodyOf(await status(get(location, { id }), ctx()))).workflow, expected, 'the status URL');
    assert.deepEqual((await bodyOf(await getManaged(get(`${BASE}/manage/jobs/${id}`, { id }), ctx()))).workflow, expected, 'the management view');
    const row = await new JobTable(storage.azurite.connectionString).get(id);
    assert.equal(row?.clientTrackingId, trackingId, 'stored in clear, in its own column');
    const found = await bodyOf(await list(get(listUrl({ clientTrackingId: trackingId })), ctx()));
    assert.deepEqual(found.value.map((j: any) => j.id), [id]);
    assert.deepEqual(found.value[0].workflow, expected);
    assert.equal(found.nextLink, undefined);
  });

  test('a webhook action job records the subscribe workflow headers in clear too, and a list by run id finds it', async () => {
    const runId = `08584${randomBytes(8).toString('hex')}CU01`;
    const callbackUrl = `https://example.com/cb/${randomBytes(6).toString('hex')}?sig=secret`;
    const response = await subscribe(post('jobs/bake/subscribe', { kind: 'bake' }, { callbackUrl, input: { flavor: 'lemon', minutes: 30 } }, { ...WORKFLOW_HEADERS, 'x-ms-workflow-run-id': runId }), ctx());
    assert.equal(response.status, 201);
    const { id } = await bodyOf(response);
    const again = await subscribe(post('jobs/bake/subscribe', { kind: 'bake' }, { callbackUrl, input: { flavor: 'lemon', minutes: 30 } }, { ...WORKFLOW_HEADERS, 'x-ms-workflow-run-id': runId }), ctx());
    assert.equal((await bodyOf(again)).id, id, 'a repeated subscribe finds the same job through the URL claim');
    const found = await bodyOf(await list(get(listUrl({ workflowRunId: runId })), ctx()));
    assert.deepEqual(found.value.map((j: any) => j.id), [id]);
    assert.equal(found.value[0].workflow.operationName, 'Bake_the_cake');
    assert.doesNotMatch(JSON.stringify(found), /sig=/, 'the callback URL stays sealed');
  });

  test('a list page of 100 jobs costs one query, and the rest is behind its nextLink', async () => {
    const { jobs } = (await getLongrun()).jobStores;
    const t0 = Date.now() - 3_600_000;
    for (let n = 0; n < 130; n++) await jobs.insert(jobAt(t0 + n, 'counted', 'queued'));
    storage.counter.reset();
    const page = await bodyOf(await list(get(listUrl({ kind: 'counted', top: '100' })), ctx()));
    assert.deepEqual(storage.counter.calls.map((c) => `${c.service} ${c.method}`), ['table GET']);
    assert.equal(page.value.length, 100);
    assert.ok(page.nextLink);
    const rest = await bodyOf(await list(get(page.nextLink), ctx()));
    assert.ok(rest.value, JSON.stringify(rest));
    assert.equal(rest.value.length, 30);
    assert.equal(rest.nextLink, undefined);
    const ids = [...page.value, ...rest.value].map((j: any) => j.id);
    assert.equal(new Set(ids).size, 130);
    assert.deepEqual(ids, [...ids].sort(), 'newest first: ascending ids');
    assert.ok(Date.parse(page.value[0].createdAt) > Date.parse(rest.value[0].createdAt));
  });

  test('a list of succeeded jobs with top=2 gives a nextLink that leads to further pages, and every item has that status', async () => {
    const { jobs } = (await getLongrun()).jobStores;
    const t0 = Date.now() - 7_200_000;
    const statuses: JobStatus[] = ['succeeded', 'failed', 'succeeded', 'queued', 'succeeded', 'succeeded', 'cancelled', 'succeeded'];
    const made = statuses.map((s, n) => jobAt(t0 + n * 1000, 'paged', s));
    for (const job of made) await jobs.insert(job);
    const expected = made.filter((j) => j.status === 'succeeded').map((j) => j.id).reverse();
    let url: string | undefined = listUrl({ kind: 'paged', status: 'succeeded', top: '2' });
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const page = await bodyOf(await list(get(url), ctx()));
      pages++;
      assert.ok(page.value.length <= 2);
      for (const item of page.value) assert.equal(item.status, 'succeeded');
      seen.push(...page.value.map((j: any) => j.id));
      if (page.nextLink) {
        const next = new URL(page.nextLink);
        assert.equal(next.searchParams.get('status'), 'succeeded');
        assert.equal(next.searchParams.get('code'), null, 'no function key in a nextLink');
        assert.ok(next.searchParams.get('from') && next.searchParams.get('to'), 'the range is explicit');
      }
      url = page.nextLink;
      assert.ok(pages < 10, 'the pages end');
    }
    assert.ok(pages >= 3, `${pages} pages`);
    assert.deepEqual(seen, expected);
  });

  test('a time range finds the jobs started in it: from inclusive, to exclusive', async () => {
    const { jobs } = (await getLongrun()).jobStores;
    const t0 = Date.now() - 10 * 3_600_000;
    const made = [0, 1, 2, 3].map((h) => jobAt(t0 + h * 3_600_000, 'ranged', 'succeeded'));
    for (const job of made) await jobs.insert(job);
    const iso = (ms: number) => new Date(ms).toISOString();
    const page = await bodyOf(await list(get(listUrl({ kind: 'ranged', from: iso(t0 + 3_600_000), to: iso(t0 + 3 * 3_600_000) })), ctx()));
    assert.deepEqual(page.value.map((j: any) => j.id), [made[2]?.id, made[1]?.id]);
  });

  test('bad list queries answer 400 problem+json and read nothing', async () => {
    const bad: Record<string, string>[] = [{ top: '0' }, { top: '5000' }, { status: 'done' }, { from: 'yesterday' }, { skiptoken: 'forged' }, { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }];
    for (const query of bad) {
      storage.counter.reset();
      const response = await list(get(listUrl(query)), ctx());
      assert.equal(response.status, 400, JSON.stringify(query));
      assert.equal(header(response, 'Content-Type'), 'application/problem+json');
      assert.equal(storage.counter.calls.length, 0);
    }
  });

  test('the management view of a job: result inline when small, resultUrl streaming it when it lives in a blob; 400 and 404 as the status URL', async () => {
    const { jobs, payloads } = (await getLongrun()).jobStores;
    const small = jobAt(Date.now(), 'viewed', 'succeeded');
    await jobs.insert(small);
    const smallBody = await bodyOf(await getManaged(get(`${BASE}/manage/jobs/${small.id}`, { id: small.id }), ctx()));
    assert.deepEqual(smallBody.result, { ok: true });
    assert.equal(smallBody.resultUrl, undefined);
    const bigResult = JSON.stringify({ rows: 'x'.repeat(40_000) });
    const big = jobAt(Date.now(), 'viewed', 'succeeded', { result: await payloads.put(`jobs/big/${randomBytes(4).toString('hex')}.json`, bigResult) });
    await jobs.insert(big);
    const bigBody = await bodyOf(await getManaged(get(`${BASE}/manage/jobs/${big.id}`, { id: big.id }), ctx()));
    assert.equal(bigBody.result, undefined);
    assert.equal(bigBody.resultUrl, `${BASE}/manage/jobs/${big.id}/result`);
    const streamed = await bodyOf(await getResult(get(bigBody.resultUrl, { id: big.id }), ctx()));
    assert.equal(streamed.rows.length, 40_000);
    assert.equal((await getManaged(get(`${BASE}/manage/jobs/nope`, { id: 'nope' }), ctx())).status, 400);
    const unknown = newJobId();
    assert.equal((await getManaged(get(`${BASE}/manage/jobs/${unknown}`, { id: unknown }), ctx())).status, 404);
    const legacy = { ...jobAt(Date.now(), 'viewed', 'queued'), id: randomBytes(16).toString('hex') };
    await jobs.insert(legacy);
    assert.equal((await bodyOf(await getManaged(get(`${BASE}/manage/jobs/${legacy.id}`, { id: legacy.id }), ctx()))).id, legacy.id, 'an id of an earlier version still reads');
  });

  test('the management cancel has the token cancel semantics: a queued job ends cancelled at once (200), a running one is asked to stop (202), unknown is 404', async () => {
    const { jobs } = (await getLongrun()).jobStores;
    const queued = jobAt(Date.now(), 'bake', 'queued');
    const running = jobAt(Date.now(), 'bake', 'running');
    await jobs.insert(queued);
    await jobs.insert(running);
    const cancelUrl = (id: string) => `${BASE}/manage/jobs/${id}/cancel`;
    const first = await cancelManaged(get(cancelUrl(queued.id), { id: queued.id }, 'POST'), ctx());
    assert.equal(first.status, 200);
    assert.equal((await bodyOf(first)).status, 'cancelled');
    const pending = await cancelManaged(get(cancelUrl(running.id), { id: running.id }, 'POST'), ctx());
    assert.equal(pending.status, 202);
    assert.equal(header(pending, 'Location'), `${BASE}/manage/jobs/${running.id}`);
    assert.equal((await jobs.get(running.id))?.job.cancelRequested, true);
    const unknown = newJobId();
    assert.equal((await cancelManaged(get(cancelUrl(unknown), { id: unknown }, 'POST'), ctx())).status, 404);
  });

  test('a checkpoint message is shown beside the progress and rides on the checkpoint write', async () => {
    const longrun = await getLongrun();
    const started = await start(post('jobs/bake', { kind: 'bake' }, { flavor: 'lemon', minutes: 3, secondsPerMinute: 0 }), ctx());
    const location = header(started, 'Location') ?? '';
    const id = idOf(location);
    storage.counter.reset();
    // A zero slice ends the invocation at its first checkpoint: one checkpoint written, the job re-enqueued.
    const outcome = await runJob(longrun.jobStores, id, { kinds: jobKinds, sliceSeconds: 0, markRunningAfterMs: 60_000 });
    assert.equal(outcome.kind, 'continued');
    const tableWrites = storage.counter.calls.filter((c) => c.service === 'table' && c.method !== 'GET');
    assert.equal(tableWrites.length, 1, storage.counter.calls.map((c) => `${c.service} ${c.method}`).join(', '));
    const envelope = await bodyOf(await status(get(location, { id }), ctx()));
    assert.equal(envelope.progress, 33);
    assert.equal(envelope.message, 'Baked 1 of 3 minutes');
  });
});

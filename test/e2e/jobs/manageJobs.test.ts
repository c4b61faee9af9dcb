import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { useApp } from '../../support/startApp';
import { toJobId } from '../../support/longrunHost';
import { pollUntil } from '../../support/pollUntil';

// The connection's credential: every management route needs it; the status URL and nextLink carry none.
const FUNCTION_KEY = 'e2e-function-key-manage-jobs';
const WITH_KEY = { 'x-functions-key': FUNCTION_KEY };

describe('job management routes end to end (stand-in host, function keys enforced)', () => {
  const app = useApp({ LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY });
  const api = (path: string) => `${app.host.baseUrl}/api/${path}`;

  async function startBake(input: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
    const started = await fetch(api('jobs/bake'), { method: 'POST', headers: { 'content-type': 'application/json', ...WITH_KEY, ...headers }, body: JSON.stringify(input) });
    assert.equal(started.status, 202);
    await started.arrayBuffer();
    return started.headers.get('location') ?? '';
  }

  async function untilEnded(statusUrl: string): Promise<any> {
    let last: any;
    return pollUntil(
      async () => {
        const response = await fetch(statusUrl);
        last = await response.json();
        return response.status === 202 ? undefined : (last.job ?? last);
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `job ${toJobId(statusUrl)} to end` },
      () => JSON.stringify(last),
    );
  }

  async function manage(path: string, init: RequestInit = {}): Promise<{ status: number; type: string | null; body: any; headers: Headers }> {
    const response = await fetch(path.startsWith('http') ? path : api(path), { ...init, headers: { ...WITH_KEY, ...(init.headers as Record<string, string> | undefined) } });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.json().catch(() => undefined), headers: response.headers };
  }

  test('a polling job started with the workflow headers shows them in its envelope, and a list filtered by its client tracking id finds it', async () => {
    const trackingId = `e2e-${randomBytes(6).toString('hex')}`;
    const workflowHeaders = {
      'x-ms-workflow-name': 'bakery',
      'x-ms-workflow-run-id': `08584${randomBytes(8).toString('hex')}CU00`,
      'x-ms-client-tracking-id': trackingId,
      'x-ms-workflow-operation-name': 'Bake_a_cake',
      'x-ms-correlation-id': randomBytes(8).toString('hex'),
    };
    const statusUrl = await startBake({ flavor: 'vanilla', minutes: 0 }, workflowHeaders);
    const ended = await untilEnded(statusUrl);
    assert.equal(ended.status, 'succeeded');
    const expected = {
      workflowName: 'bakery',
      workflowRunId: workflowHeaders['x-ms-workflow-run-id'],
      clientTrackingId: trackingId,
      operationName: 'Bake_a_cake',
      correlationId: workflowHeaders['x-ms-correlation-id'],
    };
    assert.deepEqual(ended.workflow, expected, 'the status URL envelope');
    const listed = await manage(`manage/jobs?clientTrackingId=${trackingId}`);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.value.map((j: any) => j.id), [toJobId(statusUrl)]);
    assert.deepEqual(listed.body.value[0].workflow, expected);
    assert.equal(listed.body.value[0].status, 'succeeded');
    const byId = await manage(`manage/jobs/${toJobId(statusUrl)}`);
    assert.equal(byId.status, 200);
    assert.equal(byId.body.result.flavor, 'vanilla', 'a small result is inline');
    const anonymous = await fetch(api(`manage/jobs?clientTrackingId=${trackingId}`));
    assert.equal(anonymous.status, 401, 'a management route needs the key');
  });

  test('a list of succeeded jobs with top=2 gives a nextLink that leads to further pages, and every item has that status', async () => {
    const trackingId = `e2e-pages-${randomBytes(6).toString('hex')}`;
    const tracked = { 'x-ms-client-tracking-id': trackingId };
    const urls: string[] = [];
    for (let n = 0; n < 5; n++) urls.push(await startBake({ flavor: 'vanilla', minutes: 0 }, tracked));
    const burned = await startBake({ flavor: 'lemon', minutes: 181, secondsPerMinute: 0 }, tracked);
    for (const url of [...urls, burned]) await untilEnded(url);
    let next: string | undefined = api(`manage/jobs?status=succeeded&top=2&clientTrackingId=${trackingId}`);
    const seen: string[] = [];
    let pages = 0;
    while (next) {
      const page = await manage(next);
      assert.equal(page.status, 200, JSON.stringify(page.body));
      pages++;
      assert.ok(page.body.value.length <= 2);
      for (const item of page.body.value) assert.equal(item.status, 'succeeded');
      seen.push(...page.body.value.map((j: any) => j.id));
      next = page.body.nextLink;
      if (next) {
        assert.equal(new URL(next).origin, app.host.baseUrl, 'an absolute URL on the app');
        assert.equal(new URL(next).searchParams.get('code'), null, 'no function key in a nextLink');
      }
      assert.ok(pages <= 10, 'the pages end');
    }
    assert.ok(pages >= 3, `${pages} pages`);
    assert.deepEqual(seen, urls.map(toJobId).reverse(), 'every succeeded job once, newest first; the failed one left out');
  });

  test('bad queries answer 400 problem+json; an unknown job is 404', async () => {
    for (const query of ['top=0', 'top=1001', 'status=done', 'from=yesterday', 'skiptoken=forged!', 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 'kind=Not%20a%20kind']) {
      const answer = await manage(`manage/jobs?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.type, 'application/problem+json', query);
      assert.equal(answer.body.status, 400, query);
    }
    const notAnId = await manage('manage/jobs/not-an-id');
    assert.deepEqual([notAnId.status, notAnId.type], [400, 'application/problem+json']);
    const unknown = '0'.repeat(32);
    assert.equal((await manage(`manage/jobs/${unknown}`)).status, 404);
    assert.equal((await manage(`manage/jobs/${unknown}/cancel`, { method: 'POST' })).status, 404);
  });

  test('the console sees a running job\'s message beside its progress and cancels it without its token', async () => {
    const statusUrl = await startBake({ flavor: 'chocolate', minutes: 30, secondsPerMinute: 0.3 });
    const id = toJobId(statusUrl);
    let last: any;
    const running = await pollUntil(
      async () => {
        last = (await manage(`manage/jobs/${id}`)).body;
        return last?.message ? last : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the bake to report a message' },
      () => JSON.stringify(last),
    );
    assert.match(running.message, /^Baked \d+ of 30 minutes$/);
    assert.equal(typeof running.progress, 'number');
    const cancel = await manage(`manage/jobs/${id}/cancel`, { method: 'POST' });
    assert.ok([200, 202].includes(cancel.status), String(cancel.status));
    const ended = await untilEnded(statusUrl);
    assert.equal(ended.status, 'cancelled');
    assert.equal((await fetch(statusUrl)).status, 409, 'the status URL answers as for a token cancel');
  });
});

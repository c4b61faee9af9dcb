import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { subscribeJobHandler } from '../../../functions/subscribeJob';
import { unsubscribeJobHandler } from '../../../functions/unsubscribeJob';
import { withProblems } from '../../../shared/http/withProblems';
import { getLongrun } from '../../../shared/app/getLongrun';
import { toSubscriptionJobId } from '../../../shared/jobs/toSubscriptionJobId';
import { useCountedStorage } from '../../support/useCountedStorage';

const subscribe = withProblems(subscribeJobHandler);
const unsubscribe = withProblems(unsubscribeJobHandler);
const run = { 'x-ms-workflow-run-id': '08585000000000000001', 'x-ms-workflow-operation-name': 'Wait_for_it' };

function request(path: string, kind: string, body: string | undefined, headers: Record<string, string>): HttpRequest {
  return new HttpRequest({ method: 'POST', url: `https://longrun.example/api/${path}`, params: { kind }, headers, ...(body !== undefined ? { body: { string: body } } : {}) });
}

async function subscribed(callbackUrl: string, headers: Record<string, string> = run): Promise<string> {
  const body = JSON.stringify({ callbackUrl, input: { flavor: 'vanilla', minutes: 30 } });
  const response = await subscribe(request('jobs/bake/subscribe', 'bake', body, { 'content-type': 'application/json', ...headers }), new InvocationContext());
  assert.equal(response.status, 201);
  return (response.jsonBody as { id: string }).id;
}

const statusOf = async (id: string) => (await (await getLongrun()).jobStores.jobs.get(id))?.job.status;

describe('webhook action unsubscribe (in process, real Azurite)', () => {
  useCountedStorage();

  test('unsubscribe answers 200 whatever the body: none, not JSON, the wrong type, too large, or an unknown kind', async () => {
    const cases: [string, string | undefined, Record<string, string>][] = [
      ['bake', undefined, {}],
      ['bake', 'not json', { 'content-type': 'text/plain' }],
      ['bake', '{"callbackUrl":', { 'content-type': 'application/json' }],
      ['bake', '[1]', {}],
      ['bake', '{"callbackUrl":null}', { 'content-type': 'application/json' }],
      ['bake', JSON.stringify({ pad: 'x'.repeat(70_000) }), { 'content-type': 'application/json' }],
      ['no-such-kind', '{}', { 'content-type': 'application/json' }],
    ];
    for (const [kind, body, headers] of cases) {
      const response = await unsubscribe(request(`jobs/${kind}/unsubscribe`, kind, body, headers), new InvocationContext());
      assert.equal(response.status, 200, `${kind} ${String(body).slice(0, 20)}`);
    }
  });

  test('by headers alone, unsubscribe cancels the one job those headers subscribed', async () => {
    const headers = { ...run, 'x-ms-workflow-run-id': `0858${Date.now()}` };
    const id = await subscribed(`https://example.com/cb/${Date.now()}?sig=a`, headers);
    const response = await unsubscribe(request('jobs/bake/unsubscribe', 'bake', undefined, headers), new InvocationContext());
    assert.deepEqual(response.jsonBody, { unsubscribed: 'cancelled' });
    assert.equal(await statusOf(id), 'cancelled');
  });

  test('inside a loop (several jobs under the same headers) unsubscribe by headers cancels none of them', async () => {
    const headers = { ...run, 'x-ms-workflow-run-id': `0858${Date.now()}-loop` };
    const ids = [await subscribed(`https://example.com/loop/1?sig=a`, headers), await subscribed(`https://example.com/loop/2?sig=b`, headers)];
    const response = await unsubscribe(request('jobs/bake/unsubscribe', 'bake', undefined, headers), new InvocationContext());
    assert.deepEqual(response.jsonBody, { unsubscribed: 'ambiguous' });
    for (const id of ids) assert.equal(await statusOf(id), 'queued');
    // The callback URL still names exactly one.
    const byBody = await unsubscribe(
      request('jobs/bake/unsubscribe', 'bake', JSON.stringify({ callbackUrl: 'https://example.com/loop/2?sig=b' }), { 'content-type': 'application/json', ...headers }),
      new InvocationContext(),
    );
    assert.deepEqual(byBody.jsonBody, { unsubscribed: 'cancelled' });
    assert.equal(await statusOf(ids[1] ?? ''), 'cancelled');
    assert.equal(await statusOf(ids[0] ?? ''), 'queued');
  });

  test('with only x-ms-client-tracking-id and x-ms-workflow-operation-name (no run id, no body), unsubscribe cancels the job', async () => {
    const tracking = `order-${Date.now()}`;
    const id = await subscribed(`https://example.com/cb/tracked-${Date.now()}?sig=a`, {
      'x-ms-client-tracking-id': tracking,
      'x-ms-workflow-run-id': `0858${Date.now()}-other`,
      'x-ms-workflow-operation-name': 'Wait_for_it',
    });
    const only = { 'x-ms-client-tracking-id': tracking, 'x-ms-workflow-operation-name': 'Wait_for_it' };
    const response = await unsubscribe(request('jobs/bake/unsubscribe', 'bake', undefined, only), new InvocationContext());
    assert.deepEqual(response.jsonBody, { unsubscribed: 'cancelled' });
    assert.equal(await statusOf(id), 'cancelled');
  });

  test('with only x-ms-workflow-run-id and x-ms-workflow-operation-name, unsubscribe cancels the job whose client tracking id differed', async () => {
    const runId = `0858${Date.now()}-run`;
    const id = await subscribed(`https://example.com/cb/run-${Date.now()}?sig=a`, {
      'x-ms-client-tracking-id': `order-${Date.now()}-b`,
      'x-ms-workflow-run-id': runId,
      'x-ms-workflow-operation-name': 'Wait_for_it',
    });
    const only = { 'x-ms-workflow-run-id': runId, 'x-ms-workflow-operation-name': 'Wait_for_it' };
    const response = await unsubscribe(request('jobs/bake/unsubscribe', 'bake', undefined, only), new InvocationContext());
    assert.deepEqual(response.jsonBody, { unsubscribed: 'cancelled' });
    assert.equal(await statusOf(id), 'cancelled');
  });

  test('a client tracking id several runs share names several jobs: the run id then tells which one to cancel', async () => {
    const tracking = `shared-${Date.now()}`;
    const headersOf = (runId: string) => ({ 'x-ms-client-tracking-id': tracking, 'x-ms-workflow-run-id': runId, 'x-ms-workflow-operation-name': 'Wait_for_it' });
    const first = await subscribed(`https://example.com/cb/shared-1-${Date.now()}?sig=a`, headersOf(`0858${Date.now()}-1`));
    const secondRun = `0858${Date.now()}-2`;
    const second = await subscribed(`https://example.com/cb/shared-2-${Date.now()}?sig=b`, headersOf(secondRun));
    const response = await unsubscribe(request('jobs/bake/unsubscribe', 'bake', undefined, headersOf(secondRun)), new InvocationContext());
    assert.deepEqual(response.jsonBody, { unsubscribed: 'cancelled' });
    assert.equal(await statusOf(second), 'cancelled');
    assert.equal(await statusOf(first), 'queued');
  });

  test('inside a loop (same client tracking id, run id and operation name) unsubscribe by headers cancels nothing', async () => {
    const same = { 'x-ms-client-tracking-id': `0858${Date.now()}-l`, 'x-ms-workflow-run-id': `0858${Date.now()}-l`, 'x-ms-workflow-operation-name': 'Wait_for_it' };
    const ids = [await subscribed(`https://example.com/loop2/1-${Date.now()}?sig=a`, same), await subscribed(`https://example.com/loop2/2-${Date.now()}?sig=b`, same)];
    const response = await unsubscribe(request('jobs/bake/unsubscribe', 'bake', undefined, same), new InvocationContext());
    assert.deepEqual(response.jsonBody, { unsubscribed: 'ambiguous' });
    for (const id of ids) assert.equal(await statusOf(id), 'queued');
  });

  test('the subscribe keeps the five workflow headers with the job, each cut to a bounded length', async () => {
    const headers = {
      'x-ms-client-tracking-id': 'order-7',
      'x-ms-workflow-run-id': `0858${Date.now()}-h`,
      'x-ms-workflow-operation-name': 'Wait_for_it',
      'x-ms-action-tracking-id': '6c2d5a1e-0000-4000-8000-000000000007',
      'x-ms-workflow-name': 'w'.repeat(1000),
    };
    const id = await subscribed(`https://example.com/cb/headers-${Date.now()}?sig=a`, headers);
    const callback = (await (await getLongrun()).jobStores.jobs.get(id))?.job.callback;
    assert.equal(callback?.clientTrackingId, 'order-7');
    assert.equal(callback?.workflowRunId, headers['x-ms-workflow-run-id']);
    assert.equal(callback?.operationName, 'Wait_for_it');
    assert.equal(callback?.actionTrackingId, headers['x-ms-action-tracking-id']);
    assert.equal(callback?.workflowName, 'w'.repeat(200));
  });

  test('a job subscribed before ids were time-ordered (its id derived from the URL, no claim) is still found by unsubscribe by URL', async () => {
    const callbackUrl = `https://example.com/cb/legacy-${Date.now()}?sig=a`;
    const { jobs } = (await getLongrun()).jobStores;
    const id = toSubscriptionJobId('bake', callbackUrl);
    const now = new Date().toISOString();
    await jobs.insert({ id, kind: 'bake', status: 'queued', tokenHashes: ['h'], createdAt: now, updatedAt: now, input: { inline: '{}' }, step: 0, cancelRequested: false, callback: { url: callbackUrl, urlHash: 'h' } });
    const response = await unsubscribe(request('jobs/bake/unsubscribe', 'bake', JSON.stringify({ callbackUrl }), { 'content-type': 'application/json' }), new InvocationContext());
    assert.deepEqual(response.jsonBody, { unsubscribed: 'cancelled' });
    assert.equal(await statusOf(id), 'cancelled');
  });

  test('a new subscription gets a time-ordered id, not the one derived from its URL, and unsubscribe by URL finds it through the claim', async () => {
    const callbackUrl = `https://example.com/cb/claimed-${Date.now()}?sig=a`;
    const id = await subscribed(callbackUrl);
    assert.notEqual(id, toSubscriptionJobId('bake', callbackUrl));
    const response = await unsubscribe(request('jobs/bake/unsubscribe', 'bake', JSON.stringify({ callbackUrl }), { 'content-type': 'application/json' }), new InvocationContext());
    assert.deepEqual(response.jsonBody, { unsubscribed: 'cancelled' });
    assert.equal(await statusOf(id), 'cancelled');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { subscribeJobHandler } from '../../../functions/subscribeJob';
import { unsubscribeJobHandler } from '../../../functions/unsubscribeJob';
import { withProblems } from '../../../shared/http/withProblems';
import { toSubscriptionJobId } from '../../../shared/jobs/toSubscriptionJobId';
import { getJobStores } from '../../../shared/storage/getStores';
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
  return toSubscriptionJobId('bake', callbackUrl);
}

const statusOf = async (id: string) => (await (await getJobStores()).jobs.get(id))?.job.status;

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
});

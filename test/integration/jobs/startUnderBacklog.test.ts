import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { startJobHandler } from '../../../functions/startJob';
import { subscribeJobHandler } from '../../../functions/subscribeJob';
import { withProblems } from '../../../shared/http/withProblems';
import { startJob } from '../../../shared/jobs/startJob';
import { subscribeWebhookJob } from '../../../shared/jobs/subscribeWebhookJob';
import { bake } from '../../../shared/jobs/kinds/bake';
import { getLongrun } from '../../../shared/app/getLongrun';
import { useCountedStorage } from '../../support/useCountedStorage';

const start = withProblems(startJobHandler);
const subscribe = withProblems(subscribeJobHandler);
const ctx = () => new InvocationContext();
const BAKE = JSON.stringify({ flavor: 'lemon', minutes: 30 });

function post(path: string, body: string, headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({ method: 'POST', url: `http://localhost:7071/api/${path}`, params: { kind: 'bake' }, headers: { 'content-type': 'application/json', ...headers }, body: { string: body } });
}

const header = (r: HttpResponseInit, name: string) => (r.headers as Record<string, string> | undefined)?.[name];
const idOf = (r: HttpResponseInit) => new URL(header(r, 'Location') ?? 'http://x/').pathname.split('/')[3];

describe('starts while the backlog is over LONGRUN_MAX_BACKLOG (in process, real Azurite)', () => {
  useCountedStorage({ LONGRUN_MAX_BACKLOG: '1' });

  /** A backlog no worker drains: hidden messages count in the queue's approximate count. */
  async function fillBacklog(): Promise<void> {
    const stores = (await getLongrun()).jobStores;
    for (let i = 0; i < 3; i++) await stores.queue.enqueue({ jobId: randomBytes(16).toString('hex') }, 600);
  }

  test('replays of an Idempotency-Key accepted before the backlog get its job, a burst of them too; a new key gets 429 and claims nothing', async () => {
    await fillBacklog();
    const stores = (await getLongrun()).jobStores;
    const key = `accepted-${Date.now()}`;
    // Accepted before the backlog built up (the limit did not apply then).
    const first = await startJob(stores, { kind: bake, inputJson: BAKE, idempotencyKey: key, maxBacklog: Number.MAX_SAFE_INTEGER });

    const replays = await Promise.all(Array.from({ length: 5 }, () => start(post('jobs/bake', BAKE, { 'idempotency-key': key }), ctx())));
    for (const replay of replays) {
      assert.equal(replay.status, 202);
      assert.equal(idOf(replay), first.stored.job.id);
    }

    const fresh = `new-${Date.now()}`;
    const refused = await start(post('jobs/bake', BAKE, { 'idempotency-key': fresh }), ctx());
    assert.equal(refused.status, 429);
    assert.match(header(refused, 'Retry-After') ?? '', /^\d+$/);
    assert.equal(await stores.idempotency.find('job:bake', fresh), undefined, 'the 429 claimed nothing');
    assert.equal((await start(post('jobs/bake', BAKE), ctx())).status, 429, 'a start without a key gets 429');
  });

  test('a repeated subscribe (same callback URL) gets its job with 201; a replayed key with another body is 409', async () => {
    await fillBacklog();
    const stores = (await getLongrun()).jobStores;
    const callbackUrl = `https://example.com/cb/backlog-${Date.now()}?sig=a`;
    const input = { flavor: 'lemon', minutes: 30 };
    const first = await subscribeWebhookJob(stores, { kind: bake, input: bake.input.parse(input), callbackUrl, subscriber: undefined, maxBacklog: Number.MAX_SAFE_INTEGER });
    const again = await subscribe(post('jobs/bake/subscribe', JSON.stringify({ callbackUrl, input })), ctx());
    assert.equal(again.status, 201);
    assert.equal(idOf(again), first.stored.job.id);
    const other = await subscribe(post('jobs/bake/subscribe', JSON.stringify({ callbackUrl: `${callbackUrl}x`, input })), ctx());
    assert.equal(other.status, 429, 'a new callback URL gets 429');

    const key = `conflict-${Date.now()}`;
    await startJob(stores, { kind: bake, inputJson: BAKE, idempotencyKey: key, maxBacklog: Number.MAX_SAFE_INTEGER });
    assert.equal((await start(post('jobs/bake', JSON.stringify({ flavor: 'vanilla', minutes: 1 }), { 'idempotency-key': key }), ctx())).status, 409);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startAzurite, type Azurite } from '../../support/azurite';
import { spawnLongrunHost, toJobId } from '../../support/longrunHost';
import type { SpawnedHost } from '../../support/spawnHost';
import { runPollingTrigger, type TriggerPoll } from '../../engine/runPollingTrigger';

const FUNCTION_KEY = 'e2e-function-key-triggers';
// The poll interval of 30 s becomes 0.3 s.
const TIME_SCALE = 0.01;

describe('polling trigger end to end (stand-in host, engine simulator)', () => {
  let azurite: Azurite;
  let host: SpawnedHost;

  before(async () => {
    azurite = await startAzurite();
    host = await spawnLongrunHost({
      connectionString: azurite.connectionString,
      env: { LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY, LONGRUN_FEED_SETTLE_MS: '300' },
    });
  });

  after(async () => {
    await host?.stop();
    await azurite?.stop();
  });

  async function post(path: string, body: unknown): Promise<Response> {
    const response = await fetch(`${host.baseUrl}/api/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 202, `POST ${path}: ${response.status} ${await response.clone().text()}`);
    return response;
  }

  /** Runs `act` once, after the trigger's first call (so only what it publishes may fire). */
  function afterFirstCall(act: () => Promise<void>): (poll: TriggerPoll) => Promise<void> {
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      await act();
    };
  }

  test('three order.created events published after the first call fire three times, in order, every Location without a key', async () => {
    const published: string[] = [];
    const run = await runPollingTrigger({
      // NOTE: through the custom connector the key travels in x-functions-key on the first call only;
      // the engine sends later polls to Location as given, with no credentials
      // (MicrosoftDocs/architecture-center#4307): every Location must authorise itself.
      url: `${host.baseUrl}/api/triggers/order.created`,
      headers: { 'x-functions-key': FUNCTION_KEY },
      maxFires: 3,
      deadlineMs: 30_000,
      timeScale: TIME_SCALE,
      onPoll: afterFirstCall(async () => {
        for (const id of [1, 2, 3]) {
          const order = { id, order_key: `wc_${id}`, status: 'processing', currency: 'EUR', date_created: '2024-06-10', total: '10.00' };
          published.push(((await (await post('events/order.created', order)).json()) as { id: string }).id);
        }
      }),
    });
    assert.equal(run.stoppedBy, 'fires', JSON.stringify(run.polls));
    const fired = run.fired as { id: string; type: string; data: { id: number } }[];
    assert.deepEqual(fired.map((e) => e.id), published);
    assert.deepEqual(fired.map((e) => e.data.id), [1, 2, 3]);
    assert.ok(fired.every((e) => e.type === 'order.created'));
    assert.equal(run.polls[0]?.status, 202, 'the first call fires nothing');
    const fires = run.polls.filter((p) => p.status === 200);
    assert.deepEqual(fires.map((p) => p.retryAfter), [0, 0, 30], 'Retry-After 0 while more wait');
    const followUps = run.polls.slice(1).map((p) => new URL(p.url));
    assert.ok(followUps.length >= 3);
    for (const url of followUps) {
      assert.equal(url.pathname, '/api/triggers/order.created/next', 'every Location is the anonymous continuation');
      assert.equal(url.searchParams.get('code'), null, 'no code parameter');
      assert.ok(!url.toString().includes(FUNCTION_KEY), 'the key is nowhere in the Location');
    }
  });

  test('a finished bake job fires job.completed on the polling trigger (batch, debatched)', async () => {
    let jobId = '';
    const run = await runPollingTrigger({
      url: `${host.baseUrl}/api/triggers/job.completed?batch=20`,
      headers: { 'x-functions-key': FUNCTION_KEY },
      splitOn: true,
      maxFires: 1,
      deadlineMs: 30_000,
      timeScale: TIME_SCALE,
      onPoll: afterFirstCall(async () => {
        const started = await post('jobs/bake', { flavor: 'vanilla', minutes: 0 });
        jobId = toJobId(started.headers.get('location') ?? '');
      }),
    });
    assert.equal(run.stoppedBy, 'fires', JSON.stringify(run.polls));
    const [event] = run.fired as { type: string; data: Record<string, unknown> }[];
    assert.equal(event?.type, 'job.completed');
    assert.equal(event?.data.id, jobId);
    assert.equal(event?.data.kind, 'bake');
    assert.equal(event?.data.status, 'succeeded');
    assert.equal(event?.data.result, undefined, 'the event carries the envelope without the result');
    assert.ok(run.polls.slice(1).every((p) => new URL(p.url).searchParams.get('batch') === '20' && !p.url.includes(FUNCTION_KEY)));
  });

  test('the polling trigger refuses a first call without the function key', async () => {
    const response = await fetch(`${host.baseUrl}/api/triggers/order.created`);
    assert.equal(response.status, 401);
  });

  test('the continuation route takes no key but answers 404 problem+json to a state it did not issue or to another topic', async () => {
    const first = await fetch(`${host.baseUrl}/api/triggers/order.created`, { headers: { 'x-functions-key': FUNCTION_KEY } });
    assert.equal(first.status, 202);
    const location = new URL(first.headers.get('location') ?? '');
    assert.equal((await fetch(location)).status, 202, 'the Location as issued works without a key');
    const forged = new URL(location);
    forged.searchParams.set('triggerState', 'eyJ2IjoxLCJhZnRlciI6IjAwMDAwMDAwMDAwMDAifQ.AAAAAAAAAAAAAAAAAAAAAA');
    const otherTopic = new URL(location);
    otherTopic.pathname = '/api/triggers/job.completed/next';
    for (const url of [forged, otherTopic, new URL(`${host.baseUrl}/api/triggers/order.created/next`)]) {
      const response = await fetch(url);
      assert.equal(response.status, 404, url.pathname);
      assert.equal(response.headers.get('content-type'), 'application/problem+json');
    }
  });
});

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

  test('three order.created events published after the first call fire three times, in order', async () => {
    const published: string[] = [];
    const run = await runPollingTrigger({
      // NOTE: the key travels in `code`, and every Location must keep it: the engine sends nothing else.
      url: `${host.baseUrl}/api/triggers/order.created?code=${FUNCTION_KEY}`,
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
    assert.ok(run.polls.slice(1).every((p) => new URL(p.url).searchParams.get('code') === FUNCTION_KEY));
  });

  test('a finished bake job fires job.completed on the polling trigger (batch, debatched)', async () => {
    let jobId = '';
    const run = await runPollingTrigger({
      url: `${host.baseUrl}/api/triggers/job.completed?batch=20&code=${FUNCTION_KEY}`,
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
  });

  test('the polling trigger refuses a call without the function key', async () => {
    const response = await fetch(`${host.baseUrl}/api/triggers/order.created`);
    assert.equal(response.status, 401);
  });
});

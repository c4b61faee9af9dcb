import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useApp } from '../../support/startApp';
import { runAsyncAction } from '../../engine/runAsyncAction';
import type { EngineLogEntry } from '../../engine/EngineOptions';

// The connection's credential: the start must carry it, the status URL must not need it.
const FUNCTION_KEY = 'e2e-function-key-polling';
// Retry-After 5 s becomes 0.25 s.
const TIME_SCALE = 0.05;

describe('polling action end to end (stand-in host, engine simulator)', () => {
  const app = useApp({ LONGRUN_HOST_FUNCTION_KEY: FUNCTION_KEY });

  test('a bake of 0 minutes started by the engine ends Succeeded with 200 and its result, polled without credentials', async () => {
    const log: EngineLogEntry[] = [];
    const action = await runAsyncAction(
      {
        method: 'POST',
        url: `${app.host.baseUrl}/api/jobs/bake`,
        headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY },
        body: JSON.stringify({ flavor: 'lemon', minutes: 0 }),
      },
      { timeScale: TIME_SCALE, timeoutMs: 60_000, log },
    );

    assert.equal(action.status, 'Succeeded', `action ended ${action.status} ${action.code}: ${JSON.stringify(action.body)}`);
    assert.equal(action.code, 200);
    const body = action.body as any;
    assert.equal(body.status, 'succeeded');
    assert.equal(body.kind, 'bake');
    assert.equal(body.result.flavor, 'lemon');
    assert.equal(body.result.minutes, 0);
    assert.ok(!Number.isNaN(Date.parse(body.result.bakedAt)), `bakedAt is a time: ${body.result.bakedAt}`);
    // The start was a 202 and the engine then polled the Location at least once.
    assert.deepEqual(log[0] && { method: log[0].method, status: log[0].status }, { method: 'POST', status: 202 });
    const polls = log.slice(1);
    assert.ok(polls.length >= 1 && polls.every((p) => p.method === 'GET'));
    assert.equal(polls.at(-1)?.status, 200);
    // The polls carried no key: not in the URL (the simulator sends no header on polls)...
    for (const poll of polls) {
      const url = new URL(poll.url);
      assert.equal(url.searchParams.get('code'), null);
      assert.match(url.pathname, /^\/api\/jobs\/[0-9a-f]{32}$/);
    }
    // ...and the key is really enforced on the start, so the polls succeeded on the job token alone.
    const keyless = await fetch(`${app.host.baseUrl}/api/jobs/bake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ flavor: 'lemon', minutes: 0 }),
    });
    assert.equal(keyless.status, 401);
  });

  test('Prefer: wait=30 on a bake of 0 minutes answers 200 with the result directly, and a Location', async () => {
    const response = await fetch(`${app.host.baseUrl}/api/jobs/bake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-functions-key': FUNCTION_KEY, prefer: 'wait=30' },
      body: JSON.stringify({ flavor: 'chocolate', minutes: 0 }),
    });
    const body = (await response.json()) as any;
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.status, 'succeeded');
    assert.equal(body.result.flavor, 'chocolate');
    assert.equal(body.result.minutes, 0);
    const location = response.headers.get('location') ?? '';
    assert.match(location, new RegExp(`^${app.host.baseUrl}/api/jobs/${body.id}\\?token=[\\w-]+$`));
    // The Location is the status URL: it answers the same finished job, without a key.
    const status = await fetch(location);
    assert.equal(status.status, 200);
    assert.deepEqual(((await status.json()) as any).result, body.result);
  });
});

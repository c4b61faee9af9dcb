import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallbackReceiver, type Answer } from '../../engine/CallbackReceiver';
import type { EngineLogEntry } from '../../engine/EngineOptions';
import { LOGIC_APPS_DEFAULT_RETRY_POLICY, toRetryIntervalRange } from '../../engine/retryPolicy';
import { EngineConnectionError, sendWithRetries } from '../../engine/sendWithRetries';

// 5 s becomes 50 ms.
const TIME_SCALE = 0.01;

describe('engine simulator: sending with the retry policy (local server)', () => {
  const script: { answers: Answer[] } = { answers: [] };
  let server: CallbackReceiver;
  let seen = 0;
  before(async () => {
    server = await CallbackReceiver.start((n) => script.answers[n - seen] ?? { status: 200 });
  });
  after(() => server.stop());
  /** Scripts the next answers; returns the calls they will get. */
  const next = (answers: Answer[]) => {
    seen = server.calls.length;
    script.answers = answers;
    return () => server.calls.slice(seen);
  };

  test('a 503 four times is retried four times, each wait within the Logic Apps range for its retry number', async () => {
    const calls = next(Array(4).fill({ status: 503 }));
    const response = await sendWithRetries({ method: 'POST', url: `${server.origin}/work` }, { timeScale: TIME_SCALE });
    assert.equal(response.status, 200);
    const at = calls().map((c) => c.at);
    assert.equal(at.length, 5);
    for (let retry = 1; retry <= 4; retry++) {
      const gap = (at[retry] ?? 0) - (at[retry - 1] ?? 0);
      const { lowMs, highMs } = toRetryIntervalRange(LOGIC_APPS_DEFAULT_RETRY_POLICY, retry);
      assert.ok(gap >= lowMs * TIME_SCALE - 2 && gap <= highMs * TIME_SCALE + 100, `retry ${retry} after ${gap} ms, range [${lowMs}, ${highMs}] × ${TIME_SCALE}`);
    }
  });

  test('after 4 retries the last 500 is the answer: 5 requests in all', async () => {
    const calls = next(Array(6).fill({ status: 500 }));
    const response = await sendWithRetries({ method: 'GET', url: `${server.origin}/work` }, { timeScale: TIME_SCALE, random: () => 0 });
    assert.equal(response.status, 500);
    assert.equal(calls().length, 5);
  });

  test("Power Automate's default retries 8 times", async () => {
    const calls = next(Array(10).fill({ status: 502 }));
    const response = await sendWithRetries({ method: 'GET', url: `${server.origin}/work` }, { flavour: 'powerAutomate', timeScale: 0.0005, random: () => 0 });
    assert.equal(response.status, 502);
    assert.equal(calls().length, 9);
  });

  test("a 429's Retry-After sets the wait before the retry", async () => {
    const calls = next([{ status: 429, headers: { 'retry-after': '30' } }]);
    await sendWithRetries({ method: 'GET', url: `${server.origin}/work` }, { timeScale: TIME_SCALE, random: () => 0 });
    const [first, second] = calls();
    const gap = (second?.at ?? 0) - (first?.at ?? 0);
    assert.ok(gap >= 300 - 2 && gap < 300 + 100, `retried after ${gap} ms, Retry-After 30 s × ${TIME_SCALE}`);
  });

  test('a 400, a 404 and a 409 are final at once', async () => {
    for (const status of [400, 404, 409]) {
      const calls = next([{ status }]);
      const response = await sendWithRetries({ method: 'GET', url: `${server.origin}/work` }, { timeScale: TIME_SCALE });
      assert.equal(response.status, status);
      assert.equal(calls().length, 1);
    }
  });

  test('custom headers and the authentication header go on every attempt; the log shows what was sent', async () => {
    const calls = next([{ status: 503 }]);
    const log: EngineLogEntry[] = [];
    await sendWithRetries(
      { method: 'GET', url: `${server.origin}/work`, headers: { 'X-Functions-Key': 'k1' }, authentication: { type: 'ManagedServiceIdentity', audience: 'api://longrun', token: 't1' } },
      { timeScale: TIME_SCALE, random: () => 0, log },
    );
    assert.deepEqual(calls().map((c) => [c.headers['x-functions-key'], c.headers.authorization]), [
      ['k1', 'Bearer t1'],
      ['k1', 'Bearer t1'],
    ]);
    assert.deepEqual(log.map((e) => [e.status, e.headers['x-functions-key']]), [
      [503, 'k1'],
      [200, 'k1'],
    ]);
  });

  test('a refused connection is retried like a 5xx, then fails with EngineConnectionError', async () => {
    const closed = await CallbackReceiver.start();
    const url = `${closed.origin}/gone`;
    await closed.stop();
    const log: EngineLogEntry[] = [];
    await assert.rejects(sendWithRetries({ method: 'GET', url }, { timeScale: 0.001, log }), EngineConnectionError);
    assert.deepEqual(log.map((e) => e.status), [0, 0, 0, 0, 0]);
  });
});

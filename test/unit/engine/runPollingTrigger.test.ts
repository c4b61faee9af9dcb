import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallbackReceiver, type Answer, type ReceivedCall } from '../../engine/CallbackReceiver';
import { runPollingTrigger } from '../../engine/runPollingTrigger';

// The recurrence of 10 s becomes 100 ms.
const TIME_SCALE = 0.01;
const RECURRENCE_MS = 10_000;

describe('engine simulator: the polling trigger (local server)', () => {
  const script: { answers: Answer[] } = { answers: [] };
  let server: CallbackReceiver;
  let seen = 0;
  before(async () => {
    server = await CallbackReceiver.start((n) => script.answers[n - seen] ?? { status: 202 });
  });
  after(() => server.stop());
  const next = (answers: Answer[]): (() => ReceivedCall[]) => {
    seen = server.calls.length;
    script.answers = answers;
    return () => server.calls.slice(seen);
  };
  const at = (state: string) => `${server.origin}/triggers/t?triggerState=${state}`;
  const gaps = (calls: ReceivedCall[]) => calls.slice(1).map((c, i) => c.at - (calls[i]?.at ?? 0));

  test('on a 202 it waits for the recurrence unless Retry-After is longer; on a 200 with Retry-After 0 it calls again at once', async () => {
    const calls = next([
      { status: 202, headers: { location: at('a'), 'retry-after': '5' } },
      { status: 202, headers: { location: at('b'), 'retry-after': '30' } },
      { status: 200, headers: { location: at('c'), 'retry-after': '0', 'content-type': 'application/json' }, body: '{"n":1}' },
      { status: 200, headers: { location: at('d'), 'retry-after': '30', 'content-type': 'application/json' }, body: '{"n":2}' },
    ]);
    const run = await runPollingTrigger({ url: `${server.origin}/triggers/t`, maxFires: 2, recurrenceMs: RECURRENCE_MS, timeScale: TIME_SCALE });
    assert.equal(run.stoppedBy, 'fires');
    assert.deepEqual(run.fired, [{ n: 1 }, { n: 2 }]);
    assert.deepEqual(run.polls.map((p) => p.state), ['Skipped', 'Skipped', 'Fired', 'Fired']);
    assert.deepEqual(calls().map((c) => c.path), ['/triggers/t', '/triggers/t?triggerState=a', '/triggers/t?triggerState=b', '/triggers/t?triggerState=c']);
    const [afterShortRetryAfter, afterLongRetryAfter, afterZero] = gaps(calls());
    // Upper bounds sit just under the next alternative (the Retry-After, the recurrence), so a loaded
    // machine's late timer cannot pass for the wrong rule: 209 ms was seen for the 100 ms wait.
    assert.ok(afterShortRetryAfter! >= 100 - 2 && afterShortRetryAfter! < 300 - 2, `Retry-After 5 s < recurrence 10 s: waited ${afterShortRetryAfter} ms`);
    assert.ok(afterLongRetryAfter! >= 300 - 2 && afterLongRetryAfter! < 600, `Retry-After 30 s > recurrence 10 s: waited ${afterLongRetryAfter} ms`);
    assert.ok(afterZero! < 100 - 2, `Retry-After 0 after a 200: waited ${afterZero} ms`);
  });

  test('a 500 (after the retry policy) does not end the trigger: it is in the history, and the same URL is checked at the next recurrence', async () => {
    const calls = next([
      { status: 202, headers: { location: at('x') } },
      ...Array<Answer>(5).fill({ status: 500, headers: { 'content-type': 'application/problem+json' }, body: '{"status":500}' }),
      { status: 200, headers: { location: at('y'), 'content-type': 'application/json' }, body: '{"n":3}' },
    ]);
    const run = await runPollingTrigger({ url: `${server.origin}/triggers/t`, maxFires: 1, recurrenceMs: RECURRENCE_MS, timeScale: TIME_SCALE, random: () => 0 });
    assert.equal(run.stoppedBy, 'fires');
    assert.deepEqual(run.polls.map((p) => [p.state, p.status]), [
      ['Skipped', 202],
      ['Failed', 500],
      ['Fired', 200],
    ]);
    assert.deepEqual(run.polls[1]?.failure, { status: 500 });
    const paths = calls().map((c) => c.path);
    assert.equal(paths.length, 7, 'the first call, the failing one and its 4 retries, the one that fired');
    assert.ok(paths.slice(1).every((p) => p === '/triggers/t?triggerState=x'));
    const afterFailure = gaps(calls())[5]!;
    assert.ok(afterFailure >= 100 - 2, `checked again after the recurrence: ${afterFailure} ms`);
  });

  test('custom headers go to the trigger URL only; Logic Apps sends the authentication to Locations too, Power Automate does not', async () => {
    for (const flavour of ['logicApps', 'powerAutomate'] as const) {
      const calls = next([{ status: 202, headers: { location: at('k') } }, { status: 202 }, { status: 202, headers: { location: at('l') } }]);
      await runPollingTrigger({
        url: `${server.origin}/triggers/t`,
        headers: { 'x-functions-key': 'the-key' },
        authentication: { type: 'Raw', value: 'Bearer raw' },
        flavour,
        maxFires: 1,
        deadlineMs: 280,
        recurrenceMs: RECURRENCE_MS,
        timeScale: TIME_SCALE,
      });
      const [first, toLocation, backToOwn] = calls();
      assert.equal(first?.headers['x-functions-key'], 'the-key');
      assert.equal(toLocation?.path, '/triggers/t?triggerState=k');
      assert.equal(toLocation?.headers['x-functions-key'], undefined, `${flavour}: no key on a Location call`);
      assert.equal(toLocation?.headers.authorization, flavour === 'logicApps' ? 'Bearer raw' : undefined);
      // A 202 without Location: "the original URL is used", with the trigger's own headers.
      assert.equal(backToOwn?.path, '/triggers/t');
      assert.equal(backToOwn?.headers['x-functions-key'], 'the-key');
    }
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Poller, type PollOutcome } from '../../../console/src/live/Poller';

/** Lets the poller's async run finish (it schedules its next timer after the answer). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A virtual clock: timers fire in order when the test advances time, nothing waits for real. */
class Clock {
  now = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  setTimer = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.now + ms, callback, id });
    return id;
  };
  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    await settle();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.now = next.at;
      next.callback();
      await settle();
    }
    this.now = end;
  }
}

function pollerOn(clock: Clock, outcome: () => PollOutcome, options = { minMs: 3_000, maxMs: 60_000, activeMaxMs: 10_000 }) {
  const calls: number[] = [];
  const poller = new Poller({
    ...options,
    run: () => {
      calls.push(clock.now);
      return Promise.resolve(outcome());
    },
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  return { poller, calls };
}

describe('the console poller (idle request rate)', () => {
  test('while nothing changes the delay doubles from 3 s to 60 s, so an idle view settles at one request a minute', async () => {
    const clock = new Clock();
    const { poller, calls } = pollerOn(clock, () => ({ changed: false, active: false }));
    poller.kick();
    await clock.advance(10 * 60_000);
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] ?? 0));
    assert.deepEqual(gaps.slice(0, 6), [6_000, 12_000, 24_000, 48_000, 60_000, 60_000]);
    const lastMinute = calls.filter((t) => t > 9 * 60_000 && t <= 10 * 60_000);
    assert.equal(lastMinute.length, 1, 'one request in an idle minute');
  });

  test('a change brings the delay back to 3 s', async () => {
    const clock = new Clock();
    let changed = false;
    const { poller, calls } = pollerOn(clock, () => ({ changed, active: false }));
    poller.kick();
    await clock.advance(5 * 60_000);
    changed = true;
    const before = calls.length;
    await clock.advance(60_000);
    changed = false;
    assert.ok(calls.length - before >= 2, `after a change it polls again soon (${calls.length - before} calls)`);
    const last = calls.at(-1) ?? 0;
    const previous = calls.at(-2) ?? 0;
    assert.ok(last - previous <= 6_000, `gap after the change ${last - previous} ms`);
  });

  test('while something moves (a running job) the delay stays at or under 10 s', async () => {
    const clock = new Clock();
    const { poller, calls } = pollerOn(clock, () => ({ changed: false, active: true }));
    poller.kick();
    await clock.advance(5 * 60_000);
    const gaps = calls.slice(1).map((t, i) => t - (calls[i] ?? 0));
    assert.ok(gaps.every((g) => g <= 10_000), JSON.stringify(gaps));
  });

  test('a stopped poller (hidden tab) makes no request; kick() refreshes at once', async () => {
    const clock = new Clock();
    const { poller, calls } = pollerOn(clock, () => ({ changed: false, active: false }));
    poller.kick();
    await clock.advance(1);
    poller.stop();
    const count = calls.length;
    await clock.advance(30 * 60_000);
    assert.equal(calls.length, count, 'no request while stopped');
    poller.kick();
    await clock.advance(1);
    assert.equal(calls.length, count + 1);
  });

  test('a failing request backs off like an unchanged one instead of retrying in a loop', async () => {
    const clock = new Clock();
    const calls: number[] = [];
    const poller = new Poller({ minMs: 3_000, maxMs: 60_000, run: () => (calls.push(clock.now), Promise.reject(new Error('offline'))), setTimer: clock.setTimer, clearTimer: clock.clearTimer });
    poller.kick();
    await clock.advance(10 * 60_000);
    assert.ok(calls.length <= 15, `${calls.length} requests in 10 minutes`);
  });
});

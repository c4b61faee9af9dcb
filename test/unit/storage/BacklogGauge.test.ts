import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BacklogGauge } from '../../../shared/storage/BacklogGauge';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A queue whose count answers after 5 ms, and whose sends land 10 ms after a start is admitted. */
function fakeQueue() {
  const state = { messages: 0, reads: 0 };
  const gauge = new BacklogGauge(async () => {
    state.reads++;
    const value = state.messages;
    await tick(5);
    return value;
  });
  const start = async (limit: number): Promise<boolean> => {
    const admission = await gauge.admit(limit);
    if (!admission) return false;
    try {
      await tick(10);
      state.messages++;
      admission.sent();
      return true;
    } finally {
      admission.settle();
    }
  };
  return { state, gauge, start };
}

describe('BacklogGauge: the backlog limit as starts see it', () => {
  test('a burst of 600 concurrent starts against a limit of 300 admits at most 301, though the count read is older than the burst', async () => {
    const { state, start } = fakeQueue();
    const admitted = (await Promise.all(Array.from({ length: 600 }, () => start(300)))).filter(Boolean).length;
    assert.ok(admitted <= 301, `admitted ${admitted}`);
    assert.ok(admitted >= 290, `admitted ${admitted}: the limit is not refused early`);
    assert.equal(state.messages, admitted);
  });

  test('waves of starts keep the limit: messages already sent are not forgotten when the count is read again', async () => {
    const { state, start } = fakeQueue();
    for (let wave = 0; wave < 6; wave++) await Promise.all(Array.from({ length: 100 }, () => start(300)));
    assert.ok(state.messages <= 301, `backlog ${state.messages}`);
  });

  test('far from the limit the count is read once per 5 s, not once per start', async () => {
    const { state, start } = fakeQueue();
    for (let i = 0; i < 50; i++) await start(100_000);
    assert.equal(state.reads, 1);
  });

  test('a start that sent nothing (a replay, a failure) stops counting when it settles', async () => {
    const gauge = new BacklogGauge(() => Promise.resolve(0));
    const admission = await gauge.admit(10);
    assert.equal(gauge.estimate(), 1);
    admission?.settle();
    assert.equal(gauge.estimate(), 0);
  });
});

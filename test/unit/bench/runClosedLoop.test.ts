import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runClosedLoop } from '../../../test/bench/runClosedLoop';

describe('runClosedLoop: the bench\'s load generator', () => {
  test('the warm-up runs the same load before the window opens, and none of it is counted', async () => {
    let calls = 0;
    let callsAtOpen = -1;
    let callsAtClose = -1;
    const result = await runClosedLoop(
      async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return true;
      },
      {
        concurrency: 3,
        durationMs: 100,
        warmupPerWorker: 1,
        warmupMs: 100,
        onWindow: (edge) => {
          if (edge === 'open') callsAtOpen = calls;
          else callsAtClose = calls;
        },
      },
    );
    // Three warm-up calls, then more from every worker during warmupMs.
    assert.ok(callsAtOpen > 3 * 2, `warm-up made ${callsAtOpen} calls`);
    assert.equal(result.ok, callsAtClose - callsAtOpen);
    assert.equal(result.failed, 0);
  });

  test('failures in the warm-up are dropped; failures in the window are counted with the first error', async () => {
    let phase: 'warm' | 'window' = 'warm';
    const result = await runClosedLoop(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (phase === 'warm') throw new Error('cold');
        throw new Error('refused');
      },
      { concurrency: 2, durationMs: 30, warmupMs: 30, onWindow: (edge) => { if (edge === 'open') phase = 'window'; } },
    );
    assert.equal(result.ok, 0);
    assert.ok(result.failed > 0);
    assert.equal(result.firstError, 'refused');
  });
});

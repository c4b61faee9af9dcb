import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { roundAmount } from '../../../../../shared/jobs/kinds/reconcile/roundAmount';

describe('roundAmount', () => {
  test('removes the binary noise of a sum or a difference', () => {
    assert.equal(roundAmount(0.1 + 0.2, 0.3), 0.3);
    assert.equal(roundAmount(100.1 - 100, 100.1), 0.1);
    assert.equal(roundAmount(1_000_000_000.01 - 1_000_000_000, 1_000_000_000.01), 0.01);
  });

  test('keeps 15 significant digits of the magnitude and no more', () => {
    assert.equal(roundAmount(0.123456789012345678, 0.5), 0.123456789012346);
    assert.equal(roundAmount(12_345.678, 1e15), 12_346);
  });

  test('never answers -0', () => {
    assert.ok(Object.is(roundAmount(-1e-20, 1), 0));
    assert.ok(Object.is(roundAmount(-0, 1), 0));
  });

  test('leaves the value as it is when the magnitude is zero', () => {
    assert.equal(roundAmount(0.30000000000000004, 0), 0.30000000000000004);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromGaps, toGaps } from '../../../../../shared/jobs/kinds/reconcile/gapEncoding';

describe('gapEncoding', () => {
  test('stores ascending indices as the first one then distances', () => {
    assert.deepEqual(toGaps([3, 4, 10, 999_999]), [3, 1, 6, 999_989]);
    assert.deepEqual(toGaps([]), []);
  });

  test('decodes to the indices it encoded', () => {
    const indices = [0, 1, 2, 70_000, 70_001, 1_999_999];
    assert.deepEqual(fromGaps(toGaps(indices)), indices);
  });
});

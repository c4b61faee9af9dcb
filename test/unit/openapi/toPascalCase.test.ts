import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toPascalCase } from '../../../shared/openapi/toPascalCase';

describe('toPascalCase', () => {
  test('every non-alphanumeric character separates words', () => {
    assert.equal(toPascalCase('bake'), 'Bake');
    assert.equal(toPascalCase('order.sync-v2'), 'OrderSyncV2');
    assert.equal(toPascalCase('order.created'), 'OrderCreated');
    assert.equal(toPascalCase('job.completed'), 'JobCompleted');
  });
});

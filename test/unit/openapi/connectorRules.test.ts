import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConnectorDefinition } from '../../../shared/openapi/buildConnectorDefinition';
import {
  MAX_DEFINITION_BYTES,
  operationIdViolations,
  summaryViolations,
  titleViolations,
} from '../../../shared/openapi/connectorRules';
import { fixtureKinds, fixtureTopics, invoicePaid, orderSyncKind } from './fixtures';

describe('connectorRules', () => {
  test('a summary ending in punctuation or space, containing "/" or over 80 characters breaks the rules', () => {
    assert.deepEqual(summaryViolations('Bake a cake'), []);
    assert.equal(summaryViolations('Bake a cake.').length, 1);
    assert.equal(summaryViolations('Bake a cake ').length, 1);
    assert.equal(summaryViolations('When a file is created (properties only)').length, 1);
    assert.equal(summaryViolations('Bake and/or ice a cake').length, 1);
    assert.equal(summaryViolations('x'.repeat(81)).length, 1);
    assert.deepEqual(summaryViolations('x'.repeat(80)), []);
    assert.equal(summaryViolations('').length, 1);
  });

  test('an operationId must be PascalCase letters and digits', () => {
    assert.deepEqual(operationIdViolations('StartOrderSyncV2'), []);
    for (const bad of ['startBake', 'Start_Bake', 'Start-Bake', 'Start Bake', '2Start']) {
      assert.equal(operationIdViolations(bad).length, 1, bad);
    }
  });

  test('a title must be at most 30 characters without the word API', () => {
    assert.deepEqual(titleViolations('Longrun'), []);
    assert.equal(titleViolations('x'.repeat(31)).length, 1);
    assert.equal(titleViolations('Longrun API').length, 1);
    assert.deepEqual(titleViolations('Rapid jobs'), [], '"API" inside a word is not the word');
  });

  test('every operationId, summary and the title of a generated definition pass the rules', () => {
    const document = buildConnectorDefinition({
      kinds: [...fixtureKinds, orderSyncKind],
      topics: [...fixtureTopics, invoicePaid],
      host: 'longrun.example.net',
      version: '1.0.0',
    });
    assert.deepEqual(titleViolations(document.info.title), []);
    let count = 0;
    for (const item of Object.values(document.paths)) {
      for (const op of [item.get, item.post, item.delete]) {
        if (!op) continue;
        count++;
        assert.deepEqual(operationIdViolations(op.operationId), [], op.operationId);
        assert.deepEqual(summaryViolations(op.summary), [], op.operationId);
      }
    }
    assert.equal(count, 2 * 2 + 2 * 3 + 3, 'a polling and a callback action per kind, three per topic, GetJob, CancelJob, DeleteHook');
  });

  test('the generated definition is under 1 MB', () => {
    const document = buildConnectorDefinition({
      kinds: [...fixtureKinds, orderSyncKind],
      topics: [...fixtureTopics, invoicePaid],
      host: 'longrun.example.net',
      version: '1.0.0',
    });
    const bytes = Buffer.byteLength(JSON.stringify(document, null, 2));
    assert.ok(bytes < MAX_DEFINITION_BYTES, `${bytes} bytes`);
  });
});

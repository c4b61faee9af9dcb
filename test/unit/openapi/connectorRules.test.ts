import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConnectorDefinition } from '../../../shared/openapi/buildConnectorDefinition';
import { checkConnectorRules } from '../../../shared/openapi/checkConnectorRules';
import {
  ConnectorRuleError,
  descriptionViolations,
  MAX_DEFINITION_BYTES,
  operationIdViolations,
  summaryViolations,
  titleViolations,
} from '../../../shared/openapi/connectorRules';
import type { SwaggerDocument } from '../../../shared/openapi/SwaggerDocument';
import { fixtureKinds, fixtureTopics, invoicePaid, orderSyncKind } from './fixtures';

const generated = (): SwaggerDocument =>
  buildConnectorDefinition({ kinds: [...fixtureKinds, orderSyncKind], topics: [...fixtureTopics, invoicePaid], host: 'longrun.example.net', version: '1.0.0' });

describe('connectorRules', () => {
  test('a summary ending in punctuation or space, containing "/" or over 80 characters breaks the rules', () => {
    assert.deepEqual(summaryViolations('Bake a cake'), []);
    assert.ok(summaryViolations('Bake a cake.').some((v) => /ends with/.test(v)));
    assert.equal(summaryViolations('Bake a cake ').length, 1);
    assert.equal(summaryViolations('When a file is created (properties only)').length, 1);
    assert.equal(summaryViolations('Bake and/or ice a cake').length, 1);
    assert.equal(summaryViolations('x'.repeat(81)).length, 1);
    assert.deepEqual(summaryViolations('x'.repeat(80)), []);
    assert.equal(summaryViolations('').length, 1);
  });

  test('a summary holds only letters, digits, spaces and parentheses', () => {
    assert.deepEqual(summaryViolations('Get items (V2) now'), []);
    assert.deepEqual(summaryViolations('Créer une tâche 2'), [], 'letters of any script');
    for (const bad of ['When an order is created - polling', 'Publish an order.created event', 'Bake, then ice', 'Bake a cake: vanilla', 'Bake_a_cake']) {
      assert.deepEqual(summaryViolations(bad), ['contains characters other than letters, digits, spaces and parentheses'], bad);
    }
  });

  test('a description is a sentence ending in a full stop', () => {
    assert.deepEqual(descriptionViolations('Bakes a cake.'), []);
    for (const bad of ['Bakes a cake', 'Bakes a cake!', '', '   ', undefined]) assert.equal(descriptionViolations(bad).length, 1, String(bad));
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
    assert.equal(count, 2 * 2 + 2 * 3 + 4, 'a polling and a callback action per kind, three per topic, GetJob, CancelJob, DeleteHook, ListJobs');
  });

  test('the generated definition passes the certification checks: contact, sentences, URL encoding of path parameters, no schema on default', () => {
    const document = generated();
    checkConnectorRules(document);
    assert.ok(document.info.contact.name && document.info.contact.url);
    for (const item of Object.values(document.paths)) {
      for (const op of [item.get, item.post, item.delete]) {
        if (!op) continue;
        assert.equal(op.responses.default?.schema, undefined, op.operationId);
        for (const p of op.parameters.filter((p) => p.in === 'path')) assert.equal(p['x-ms-url-encoding'], 'single', op.operationId);
      }
    }
  });

  test('the certification checks refuse each rule broken, naming the operation', () => {
    const broken: Record<string, (d: SwaggerDocument) => void> = {
      'no contact': (d) => void (d.info.contact = { name: '' }),
      'a description without a full stop': (d) => void (d.paths['/jobs/bake']!.post!.description = 'Bakes a cake'),
      'a response description without a full stop': (d) => void (d.paths['/jobs/bake']!.post!.responses['202']!.description = 'Queued'),
      'a header description without a full stop': (d) => void (d.paths['/jobs/bake']!.post!.responses['202']!.headers!.Location!.description = 'Where'),
      'a parameter description without a full stop': (d) => void (d.paths['/jobs/{id}']!.get!.parameters[1]!.description = 'The token'),
      'a notification description without a full stop': (d) => void (d.paths['/jobs/bake/subscribe']!['x-ms-notification-content']!.description = 'The job'),
      'a path parameter without x-ms-url-encoding': (d) => void delete d.paths['/jobs/{id}']!.get!.parameters[0]!['x-ms-url-encoding'],
      'a schema on default': (d) => void (d.paths['/jobs/bake']!.post!.responses.default!.schema = { $ref: '#/definitions/Hook' }),
      'a visible operation without a schema on any success': (d) => void delete d.paths['/jobs/bake/subscribe']!.post!.responses['201']!.schema,
      'a summary with a dot': (d) => void (d.paths['/jobs/bake']!.post!.summary = 'Bake a cake v1.2'),
    };
    for (const [name, breakIt] of Object.entries(broken)) {
      const document = generated();
      breakIt(document);
      assert.throws(() => checkConnectorRules(document), ConnectorRuleError, name);
    }
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

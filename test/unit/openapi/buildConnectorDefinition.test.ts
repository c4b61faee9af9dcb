import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import { z } from 'zod';
import { buildConnectorDefinition, type ConnectorDefinitionOptions } from '../../../shared/openapi/buildConnectorDefinition';
import { ConnectorRuleError } from '../../../shared/openapi/connectorRules';
import type { SwaggerDocument, SwaggerOperation } from '../../../shared/openapi/SwaggerDocument';
import { jobKinds } from '../../../shared/jobs/catalog';
import { defineJob, type JobKind } from '../../../shared/jobs/defineJob';
import { apiDefinitionValidator, describeErrors } from './referenceSchemas';
import { fixtureKinds, fixtureTopics, invoicePaid, kindWithSummary, orderCreated, orderSyncKind } from './fixtures';

const base: ConnectorDefinitionOptions = {
  kinds: fixtureKinds,
  topics: fixtureTopics,
  host: 'longrun.example.net',
  version: '1.2.3',
};

function operations(document: SwaggerDocument): [string, string, SwaggerOperation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    (['get', 'post', 'delete'] as const).flatMap((method) => {
      const operation = item[method];
      return operation ? [[path, method, operation] as [string, string, SwaggerOperation]] : [];
    }),
  );
}

function operation(document: SwaggerDocument, operationId: string): SwaggerOperation {
  const found = operations(document).find(([, , op]) => op.operationId === operationId);
  assert.ok(found, `no operation ${operationId}; have ${operations(document).map(([, , op]) => op.operationId).join(', ')}`);
  return found[2];
}

/** What swagger-parser takes: an OpenAPI document object. */
type ParserInput = SwaggerParser['api'];

/** The document with every $ref replaced by its target, as the designer sees it. */
async function dereferenced(document: SwaggerDocument): Promise<unknown> {
  return SwaggerParser.dereference(structuredClone(document) as unknown as ParserInput);
}

/** The value at a path of keys in a dereferenced document. */
function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

/** The property names of the schema at a path. */
function propertyNames(value: unknown, ...path: string[]): string[] {
  return Object.keys(at(value, ...path, 'properties') as object);
}

describe('buildConnectorDefinition', () => {
  test('the definition, a callback action per kind included, validates against the Power Platform apiDefinition schema', () => {
    const validate = apiDefinitionValidator();
    const kinds = [...fixtureKinds, orderSyncKind];
    const document = buildConnectorDefinition({ ...base, kinds, topics: [...fixtureTopics, invoicePaid] });
    const callbacks = operations(document).filter(([path]) => path.endsWith('/subscribe'));
    assert.deepEqual(callbacks.map(([path]) => path).sort(), kinds.map((k) => `/jobs/${k.name}/subscribe`).sort());
    assert.equal(validate(document), true, describeErrors(validate.errors));
  });

  test('the Entra variant (auth entra) declares OAuth 2.0 authorization code against Entra ID and validates against the Power Platform schema and swagger-parser', async () => {
    const validate = apiDefinitionValidator();
    const document = buildConnectorDefinition({ ...base, auth: 'entra' });
    assert.equal(validate(document), true, describeErrors(validate.errors));
    await SwaggerParser.validate(structuredClone(document) as unknown as ParserInput);
    assert.deepEqual(document.securityDefinitions, {
      'oauth2-auth': {
        type: 'oauth2',
        flow: 'accessCode',
        authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/authorize',
        tokenUrl: 'https://login.microsoftonline.com/common/oauth2/token',
        scopes: {},
        description: 'Microsoft Entra ID',
      },
    });
    assert.deepEqual(document.security, [{ 'oauth2-auth': [] }]);
    const { securityDefinitions: _entra, security: _entraSecurity, ...entraRest } = document;
    const { securityDefinitions: _key, security: _keySecurity, ...keyRest } = buildConnectorDefinition(base);
    assert.deepEqual(entraRest, keyRest, 'only the security differs');
  });

  test('the key variant is the default: the function key in x-functions-key', () => {
    const document = buildConnectorDefinition(base);
    assert.deepEqual(document, buildConnectorDefinition({ ...base, auth: 'key' }));
    assert.deepEqual(document.securityDefinitions, { api_key: { type: 'apiKey', in: 'header', name: 'x-functions-key', description: 'The function key' } });
    assert.deepEqual(document.security, [{ api_key: [] }]);
  });

  test('the definition passes swagger-parser validate() as Swagger 2.0', async () => {
    const document = buildConnectorDefinition({ ...base, kinds: [...fixtureKinds, orderSyncKind], topics: [...fixtureTopics, invoicePaid] });
    await SwaggerParser.validate(structuredClone(document) as unknown as ParserInput);
  });

  test('the shipped job kinds give a definition the Power Platform schema and swagger-parser accept', async () => {
    const validate = apiDefinitionValidator();
    const document = buildConnectorDefinition({ ...base, kinds: jobKinds });
    assert.equal(validate(document), true, describeErrors(validate.errors));
    await SwaggerParser.validate(structuredClone(document) as unknown as ParserInput);
  });

  test('adding a job kind and a topic adds the Start action and both triggers with their schemas', async () => {
    const before = buildConnectorDefinition(base);
    const after = buildConnectorDefinition({ ...base, kinds: [...fixtureKinds, orderSyncKind], topics: [...fixtureTopics, invoicePaid] });
    const added = new Set(operations(after).map(([, , op]) => op.operationId));
    for (const [, , op] of operations(before)) added.delete(op.operationId);
    assert.deepEqual([...added].sort(), ['OnInvoicePaid', 'OnInvoicePaidPolling', 'PublishInvoicePaid', 'StartOrderSyncV2', 'StartOrderSyncV2WithCallback']);

    const document = await dereferenced(after);
    const start = at(document, 'paths', '/jobs/order.sync-v2', 'post');
    const body = (at(start, 'parameters') as { in: string; schema: unknown }[]).find((p) => p.in === 'body');
    assert.deepEqual(propertyNames(body?.schema), Object.keys((orderSyncKind.input as z.ZodObject).shape));
    const result = propertyNames(start, 'responses', '200', 'schema', 'properties', 'result');
    assert.deepEqual(result, Object.keys((orderSyncKind.output as z.ZodObject).shape));
    const dataKeys = Object.keys((invoicePaid.schema as z.ZodObject).shape);
    const polled = at(document, 'paths', '/triggers/invoice.paid', 'get', 'responses', '200', 'schema', 'items');
    assert.deepEqual(propertyNames(polled, 'properties', 'data'), dataKeys);
    const pushed = at(document, 'paths', '/hooks/invoice.paid', 'x-ms-notification-content', 'schema');
    assert.deepEqual(propertyNames(pushed, 'properties', 'data'), dataKeys);
    assert.deepEqual(at(pushed, 'properties', 'type', 'enum'), [invoicePaid.name]);
    const callback = at(document, 'paths', '/jobs/order.sync-v2/subscribe');
    const callbackBody = (at(callback, 'post', 'parameters') as { in: string; schema: unknown }[]).find((p) => p.in === 'body');
    assert.deepEqual(propertyNames(callbackBody?.schema, 'properties', 'input'), Object.keys((orderSyncKind.input as z.ZodObject).shape));
    const posted = propertyNames(callback, 'x-ms-notification-content', 'schema', 'properties', 'result');
    assert.deepEqual(posted, Object.keys((orderSyncKind.output as z.ZodObject).shape), 'the callback carries the kind output as result');
  });

  test('a job kind is the asynchronous polling action on a literal POST /jobs/<kind> path', () => {
    const document = buildConnectorDefinition(base);
    const start = document.paths['/jobs/bake']?.post;
    assert.ok(start);
    assert.equal(start.operationId, 'StartBake');
    assert.equal(start.summary, fixtureKinds[0]?.summary);
    assert.deepEqual(Object.keys(start.responses['202']?.headers ?? {}), ['Location', 'Retry-After']);
    assert.equal(start.responses['202']?.headers?.['Retry-After']?.type, 'integer');
    assert.deepEqual(start.responses['200']?.schema, { $ref: '#/definitions/BakeJob' });
    const key = start.parameters.find((p) => p.name === 'Idempotency-Key');
    assert.equal(key?.in, 'header');
    assert.equal(key?.['x-ms-visibility'], 'advanced');
    assert.equal(key?.required, false);
    assert.equal('/jobs/{kind}' in document.paths, false);
  });

  test('required inputs are important and optional ones advanced, every property has a summary', () => {
    const input = buildConnectorDefinition(base).definitions.BakeInput;
    const properties = input?.properties ?? {};
    assert.equal(properties.flavor?.['x-ms-visibility'], 'important');
    assert.equal(properties.oven_temperature?.['x-ms-visibility'], 'advanced');
    assert.equal(properties.secondsPerMinute?.['x-ms-visibility'], 'advanced', 'a field with a default is optional');
    assert.equal(properties.oven_temperature?.['x-ms-summary'], 'Oven temperature');
    for (const [name, property] of Object.entries(properties)) assert.ok(property['x-ms-summary'], name);
  });

  test('a topic has a polling trigger: batch, query/polling metadata, internal cursor, array of events', () => {
    const trigger = operation(buildConnectorDefinition(base), 'OnOrderCreatedPolling');
    assert.equal(trigger['x-ms-trigger'], 'batch');
    assert.deepEqual(trigger['x-ms-trigger-metadata'], { kind: 'query', mode: 'polling' });
    const state = trigger.parameters.find((p) => p.name === 'triggerState');
    assert.deepEqual([state?.in, state?.required, state?.['x-ms-visibility']], ['query', false, 'internal']);
    const batch = trigger.parameters.find((p) => p.name === 'batch');
    assert.equal(batch?.required, true, 'without batch the API answers one event, not the declared array');
    assert.equal(typeof batch?.default, 'number');
    assert.deepEqual(trigger.responses['200']?.schema, { type: 'array', items: { $ref: '#/definitions/OrderCreatedEvent' } });
    assert.ok(trigger.responses['202']?.headers?.Location);
    assert.ok(trigger.responses['200']?.headers?.Location);
  });

  test('a topic has a webhook trigger: single, notification URL in the body, 201 with Location', () => {
    const document = buildConnectorDefinition(base);
    const item = document.paths['/hooks/order.created'];
    const trigger = item?.post;
    assert.ok(trigger);
    assert.equal(trigger.operationId, 'OnOrderCreated');
    assert.equal(trigger['x-ms-trigger'], 'single');
    const callback = trigger.parameters.find((p) => p.in === 'body')?.schema?.properties?.callbackUrl;
    assert.equal(callback?.['x-ms-notification-url'], true);
    assert.equal(callback?.['x-ms-visibility'], 'internal');
    assert.ok(trigger.responses['201']?.headers?.Location);
    assert.deepEqual(item['x-ms-notification-content']?.schema, { $ref: '#/definitions/OrderCreatedEvent' });
    assert.ok(item['x-ms-notification-content']?.description);
  });

  test('the job list is a pageable action on GET /manage/jobs: nextLinkName names the answer\'s nextLink beside its value array', async () => {
    const document = buildConnectorDefinition(base);
    const list = operation(document, 'ListJobs');
    assert.equal(document.paths['/manage/jobs']?.get, list);
    assert.deepEqual(list['x-ms-pageable'], { nextLinkName: 'nextLink' });
    assert.notEqual(list['x-ms-visibility'], 'internal', 'a flow can list jobs');
    const top = list.parameters.find((p) => p.name === 'top');
    assert.deepEqual([top?.minimum, top?.maximum], [1, 1000]);
    assert.equal(list.parameters.find((p) => p.name === 'skiptoken')?.['x-ms-visibility'], 'internal');
    const resolved = await dereferenced(document);
    assert.deepEqual(propertyNames(resolved, 'paths', '/manage/jobs', 'get', 'responses', '200', 'schema').sort(), ['nextLink', 'value']);
    assert.equal(at(resolved, 'paths', '/manage/jobs', 'get', 'responses', '200', 'schema', 'properties', 'value', 'type'), 'array');
  });

  test('status, cancel and hook deletion are internal operations on parameterised paths', () => {
    const document = buildConnectorDefinition(base);
    assert.equal(document.paths['/jobs/{id}']?.get?.operationId, 'GetJob');
    assert.equal(document.paths['/jobs/{id}']?.delete?.operationId, 'CancelJob');
    assert.equal(document.paths['/hooks/{id}']?.delete?.operationId, 'DeleteHook');
    for (const id of ['GetJob', 'CancelJob', 'DeleteHook']) {
      assert.equal(operation(document, id)['x-ms-visibility'], 'internal', id);
    }
  });

  test('a job kind is also a webhook action on POST /jobs/<kind>/subscribe: notification URL in the body, the envelope posted back, 201 with Location', () => {
    const document = buildConnectorDefinition(base);
    const item = document.paths['/jobs/bake/subscribe'];
    const action = item?.post;
    assert.ok(action);
    assert.equal(action.operationId, 'StartBakeWithCallback');
    assert.equal(action['x-ms-trigger'], undefined, 'an action, not a trigger');
    const body = action.parameters.find((p) => p.in === 'body');
    assert.deepEqual(body?.schema?.required, ['callbackUrl', 'input']);
    const callbackUrl = body?.schema?.properties?.callbackUrl;
    assert.deepEqual([callbackUrl?.type, callbackUrl?.['x-ms-notification-url'], callbackUrl?.['x-ms-visibility']], ['string', true, 'internal']);
    assert.deepEqual(body?.schema?.properties?.input, { $ref: '#/definitions/BakeInput' });
    assert.deepEqual(item['x-ms-notification-content']?.schema, { $ref: '#/definitions/BakeJob' }, 'what is posted back: the envelope, result typed by the kind');
    assert.ok(item['x-ms-notification-content']?.description);
    assert.deepEqual(Object.keys(action.responses).sort(), ['201', 'default']);
    assert.deepEqual(action.responses['201']?.schema, { $ref: '#/definitions/BakeJob' });
    assert.ok(action.responses['201']?.headers?.Location);
    assert.equal(Object.keys(document.paths).filter((p) => /unsubscribe/.test(p)).length, 0, 'the platform DELETEs the Location instead');
  });

  test('the callback action follows the certification wording rules: summary of letters, digits, spaces and parentheses, descriptions ending in a full stop', () => {
    const document = buildConnectorDefinition({ ...base, kinds: [...fixtureKinds, orderSyncKind] });
    for (const [path, , op] of operations(document).filter(([p]) => p.endsWith('/subscribe'))) {
      assert.match(op.summary, /^[\p{L}\p{N} ()]+$/u, path);
      assert.match(op.description, /\.$/, path);
      for (const response of Object.values(op.responses)) assert.match(response.description, /\.$/, `${path} response`);
      assert.match(document.paths[path]?.['x-ms-notification-content']?.description ?? '', /\.$/, path);
    }
  });

  test('the function key is the api_key security scheme, sent as x-functions-key', () => {
    const document = buildConnectorDefinition(base);
    assert.deepEqual(document.securityDefinitions.api_key, { ...document.securityDefinitions.api_key, type: 'apiKey', in: 'header', name: 'x-functions-key' });
    assert.deepEqual(document.security, [{ api_key: [] }]);
    assert.deepEqual([document.host, document.basePath, document.schemes], ['longrun.example.net', '/api', ['https']]);
    const local = buildConnectorDefinition({ ...base, host: 'localhost:7071', schemes: ['http'] });
    assert.deepEqual([local.host, local.schemes], ['localhost:7071', ['http']]);
  });

  test('the same catalog gives the same document', () => {
    assert.deepEqual(buildConnectorDefinition(base), buildConnectorDefinition(base));
  });

  test('a host with a scheme or path is refused', () => {
    assert.throws(() => buildConnectorDefinition({ ...base, host: 'https://longrun.example.net' }), ConnectorRuleError);
    assert.throws(() => buildConnectorDefinition({ ...base, host: 'longrun.example.net/api' }), ConnectorRuleError);
  });

  test('a kind whose summary ends with a period makes the generator throw, naming the kind', () => {
    assert.throws(
      () => buildConnectorDefinition({ ...base, kinds: [...fixtureKinds, kindWithSummary('Tidy up.')] }),
      (error: unknown) => error instanceof ConnectorRuleError && /job kind "tidy"/.test(error.message) && /ends with "\."/.test(error.message),
    );
  });

  test('a title over 30 characters or with "API" is refused', () => {
    assert.throws(() => buildConnectorDefinition({ ...base, title: 'Longrun jobs and events connector' }), /more than 30/);
    assert.throws(() => buildConnectorDefinition({ ...base, title: 'Longrun API' }), /"API"/);
  });

  test('two kinds whose names give the same operationId are refused', () => {
    const twin: JobKind = { ...orderSyncKind, name: 'order-sync.v2' };
    assert.throws(() => buildConnectorDefinition({ ...base, kinds: [orderSyncKind, twin] }), /StartOrderSyncV2|OrderSyncV2Input/);
  });

  test('a topic summary that is fine alone but too long with the polling suffix is refused', () => {
    const topic = { ...orderCreated, summary: `When ${'x'.repeat(73)}` };
    assert.throws(() => buildConnectorDefinition({ ...base, topics: [topic] }), /OnOrderCreatedPolling.*more than 80/);
  });

  test('a kind with a recursive input schema gives an error naming the kind', () => {
    const node: z.ZodType = z.object({ name: z.string(), get children() { return z.array(node); } });
    const tree = defineJob({ name: 'tree', summary: 'Walk a tree', input: node, output: z.object({}), run: async () => Promise.resolve({}) });
    assert.throws(
      () => buildConnectorDefinition({ ...base, kinds: [tree] }),
      (error: unknown) => error instanceof ConnectorRuleError && /job kind "tree"/.test(error.message) && /recursive/.test(error.message),
    );
  });
});

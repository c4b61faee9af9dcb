import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { SwaggerSchema } from '../../../shared/openapi/SwaggerDocument';
import { toSwaggerSchema } from '../../../shared/openapi/toSwaggerSchema';

/** Every keyword used anywhere in a schema, at any depth (property names excluded). */
function keywords(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) keywords(item, found);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties') for (const child of Object.values(value as object)) keywords(child, found);
      else {
        found.add(key);
        if (key !== 'enum' && key !== 'default' && key !== 'example') keywords(value, found);
      }
    }
  }
  return found;
}

const kitchenSink = z.object({
  nullableText: z.string().nullable(),
  nullableChoice: z.enum(['a', 'b']).nullable(),
  literal: z.literal('fixed'),
  literals: z.union([z.literal('x'), z.literal('y')]),
  mixed: z.union([z.string(), z.number()]),
  tuple: z.tuple([z.string(), z.number()]),
  strict: z.object({ inner: z.string() }).strict(),
  record: z.record(z.string(), z.number()),
  ip: z.ipv4(),
  when: z.date(),
});

describe('toSwaggerSchema', () => {
  test('writes no keyword Swagger 2.0 lacks: anyOf, oneOf, const, $schema, $ref, additionalItems', () => {
    const used = keywords(toSwaggerSchema(kitchenSink));
    for (const banned of ['anyOf', 'oneOf', 'const', '$schema', '$ref', 'definitions', '$defs', 'additionalItems', 'not']) {
      assert.equal(used.has(banned), false, banned);
    }
  });

  test('nullable becomes x-nullable on the plain type', () => {
    const { properties } = toSwaggerSchema(kitchenSink);
    assert.deepEqual([properties?.nullableText?.type, properties?.nullableText?.['x-nullable']], ['string', true]);
    assert.deepEqual(properties?.nullableChoice?.enum, ['a', 'b']);
    assert.equal(properties?.nullableChoice?.['x-nullable'], true);
  });

  test('literals and unions of literals become one enum', () => {
    const { properties } = toSwaggerSchema(kitchenSink);
    assert.deepEqual(properties?.literal?.enum, ['fixed']);
    assert.deepEqual([properties?.literals?.type, properties?.literals?.enum], ['string', ['x', 'y']]);
  });

  test('a union of objects becomes one object; a field is required only when every branch requires it', () => {
    const schema = toSwaggerSchema(
      z.object({ target: z.union([z.object({ kind: z.literal('url'), url: z.url() }), z.object({ kind: z.literal('queue'), name: z.string() })]) }),
    );
    const target = schema.properties?.target as SwaggerSchema;
    assert.equal(target.type, 'object');
    assert.deepEqual(Object.keys(target.properties ?? {}), ['kind', 'url', 'name']);
    assert.deepEqual(target.properties?.kind?.enum, ['url', 'queue']);
    assert.deepEqual(target.required, ['kind']);
    assert.equal(target.properties?.url?.['x-ms-summary'], 'URL');
  });

  test('a union of different types, a tuple and an unrepresentable type become untyped, never an error', () => {
    const { properties } = toSwaggerSchema(kitchenSink);
    assert.equal(properties?.mixed?.type, undefined);
    assert.deepEqual([properties?.tuple?.type, properties?.tuple?.items], ['array', {}]);
    assert.equal(properties?.when?.type, undefined);
  });

  test('exclusive bounds use the draft-04 boolean form', () => {
    const schema = toSwaggerSchema(z.object({ n: z.number().gt(0).lt(10) }));
    assert.deepEqual(schema.properties?.n, {
      type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true, 'x-ms-summary': 'N',
    });
  });

  test('formats the Power Platform knows stay without zod\'s long regex; others are dropped', () => {
    const schema = toSwaggerSchema(z.object({ at: z.iso.datetime(), mail: z.email(), ip: z.ipv4(), count: z.int() }));
    assert.deepEqual([schema.properties?.at?.format, schema.properties?.at?.pattern], ['date-time', undefined]);
    assert.equal(schema.properties?.mail?.format, 'email');
    assert.equal(schema.properties?.ip?.format, undefined);
    assert.deepEqual(schema.properties?.count, { type: 'integer', 'x-ms-summary': 'Count' });
  });

  test('additionalProperties false is dropped, a record keeps its value schema', () => {
    const { properties } = toSwaggerSchema(kitchenSink);
    assert.equal(properties?.strict?.additionalProperties, undefined);
    assert.deepEqual(properties?.record?.additionalProperties, { type: 'number' });
  });

  test('x-ms-summary comes from the meta title, else the property name; description from describe()', () => {
    const schema = toSwaggerSchema(
      z.object({ order_key: z.string().describe('The order key'), total: z.string().meta({ title: 'Order total' }) }),
    );
    assert.deepEqual(schema.properties?.order_key, { type: 'string', description: 'The order key', 'x-ms-summary': 'Order key' });
    assert.deepEqual(schema.properties?.total, { type: 'string', 'x-ms-summary': 'Order total' });
  });

  test('nested properties and array items get summaries too', () => {
    const schema = toSwaggerSchema(z.object({ lines: z.array(z.object({ unit_price: z.number() })) }));
    assert.equal(schema.properties?.lines?.items?.properties?.unit_price?.['x-ms-summary'], 'Unit price');
  });

  test('visibility is added for inputs only and a visibility set in meta is kept', () => {
    const input = z.object({ a: z.string(), b: z.string().optional(), c: z.string().meta({ 'x-ms-visibility': 'internal' }) });
    const described = toSwaggerSchema(input, { io: 'input', visibility: true });
    assert.deepEqual(
      ['a', 'b', 'c'].map((name) => described.properties?.[name]?.['x-ms-visibility']),
      ['important', 'advanced', 'internal'],
    );
    assert.equal(toSwaggerSchema(input).properties?.a?.['x-ms-visibility'], undefined);
  });

  test('a schema registered with an id is inlined, not referenced', () => {
    const address = z.object({ city: z.string() }).meta({ id: 'OpenapiTestAddress' });
    const schema = toSwaggerSchema(z.object({ billing: address, shipping: address }));
    assert.deepEqual(schema.properties?.billing?.properties?.city?.type, 'string');
    assert.deepEqual(schema.properties?.shipping?.properties?.city?.type, 'string');
  });

  test('a recursive schema is refused with a message that says so', () => {
    const node: z.ZodType = z.object({ get children() { return z.array(node); } });
    assert.throws(() => toSwaggerSchema(node), /recursive/);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonDocumentScanner } from '../../../../shared/jobs/input/JsonDocumentScanner';
import { JsonScanError } from '../../../../shared/jobs/input/JsonScanError';
import { seededRandom } from '../../../support/seededRandom';

/** Scans `text` split at the given byte offsets; the elements seen and what end() gives. */
function scan(text: string, splits: readonly number[] = [], streamed = ['items'], maxElementBytes = 1 << 20) {
  const elements: [string, number, unknown][] = [];
  const scanner = new JsonDocumentScanner(new Set(streamed), (name, index, value) => elements.push([name, index, value]), maxElementBytes);
  const bytes = Buffer.from(text, 'utf8');
  let from = 0;
  for (const at of [...splits, bytes.length]) {
    scanner.write(bytes.subarray(from, at));
    from = at;
  }
  return { elements, rest: scanner.end(), arrays: Object.fromEntries(scanner.arrays) };
}

/** What the scanner must agree with: JSON.parse, the streamed arrays split out. */
function expected(text: string, streamed = ['items']) {
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { elements: [], rest: value, arrays: {} };
  const rest: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const elements: [string, number, unknown][] = [];
  const arrays: Record<string, number> = {};
  for (const name of streamed) {
    const array = rest[name];
    if (!Array.isArray(array)) continue;
    array.forEach((element, index) => elements.push([name, index, element]));
    arrays[name] = array.length;
    delete rest[name];
  }
  return { elements, rest, arrays };
}

function scanError(text: string, splits: readonly number[] = []): JsonScanError {
  try {
    scan(text, splits);
  } catch (error) {
    if (error instanceof JsonScanError) return error;
    throw error;
  }
  assert.fail(`${JSON.stringify(text)} was accepted`);
}

const DOCUMENTS = [
  '{"items":[{"key":"a","amount":1},{"key":"b","amount":-2.5e3}],"tolerance":0.01}',
  '  {\n "tolerance" : 0 , "items" : [ ] , "other" : {"items":[1,2]} }  ',
  '{"items":[1,"two",null,true,false,[3,[4]],{"n":{"m":[]}}, -0.5e-3 ,"a\\"]},{\\\\","\\u00e9\\ud83d\\ude00"],"x":[1]}',
  '{"items":["été 😀 ü","ключ"],"name":"naïve"}',
  '{"__proto__":{"polluted":true},"items":[{"__proto__":1}]}',
  '{"a":1,"a":2,"items":[]}',
  '{}',
  '[1,2,3]',
  '"a string"',
  '42',
  'null',
  '{"items":{"not":"an array"}}',
  '{"items":"text"}',
];

describe('JsonDocumentScanner: one JSON document read incrementally, streamed arrays element by element', () => {
  for (const text of DOCUMENTS) {
    test(`gives what JSON.parse gives for ${JSON.stringify(text).slice(0, 60)}, in one piece and split at every byte`, () => {
      const want = expected(text);
      assert.deepEqual(scan(text), want);
      const length = Buffer.byteLength(text);
      for (let at = 0; at <= length; at++) assert.deepEqual(scan(text, [at]), want, `split at ${at}`);
    });
  }

  test('agrees with JSON.parse on random documents split at random places', () => {
    const random = seededRandom(7);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
    const value = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.5) return pick([0, -1.5, 1e21, 'k', 'é\n"\\', '', true, false, null, '😀']);
      if (roll < 0.75) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [pick(['a', 'b', 'items', `k${i}`, '']), value(depth + 1)]));
    };
    for (let round = 0; round < 300; round++) {
      const document = { items: Array.from({ length: Math.floor(random() * 6) }, () => value(1)), other: value(1) };
      const text = JSON.stringify(document, null, round % 2 === 0 ? undefined : 2);
      const length = Buffer.byteLength(text);
      const splits = Array.from({ length: 3 }, () => Math.floor(random() * length)).sort((a, b) => a - b);
      assert.deepEqual(scan(text, splits), expected(text), text);
    }
  });

  test('refuses what JSON.parse refuses, with the byte it stopped at', () => {
    const bad = [
      '', '{', '{"items":[1,2', '{"items":[1,]}', '{"items":[,1]}', '{"a":1,}', '{"a" 1}', '{"a":}', '{a:1}',
      '{"items":[01]}', '{"items":[1 2]}', '{"a":1}}', '{"a":1} x', '{"a":"\u0001"}', '{"items":[tru]}', "{'a':1}",
      '{"items":[1]"b":2}', '\ufeff{}', '{"a":1"b":2}', '[1,2', '{"items":[{"k":1}}]}',
    ];
    for (const text of bad) {
      assert.throws(() => JSON.parse(text), SyntaxError, `JSON.parse accepts ${JSON.stringify(text)}`);
      const error = scanError(text);
      assert.ok(error.offset >= 0 && error.offset <= Buffer.byteLength(text), `${JSON.stringify(text)}: offset ${error.offset}`);
      const splitError = scanError(text, [Math.floor(Buffer.byteLength(text) / 2)]);
      assert.equal(splitError.name, 'JsonScanError');
    }
  });

  test('refuses a streamed property that appears twice, in any form (JSON.parse would keep the last)', () => {
    for (const text of ['{"items":[1],"items":[2]}', '{"items":[1],"items":null}', '{"items":null,"items":[1]}']) {
      assert.match(scanError(text).message, /"items" appears twice/);
    }
  });

  test('refuses an element longer than the limit before it has read all of it', () => {
    const scanner = new JsonDocumentScanner(new Set(['items']), () => undefined, 100);
    scanner.write(Buffer.from(`{"items":[{"ok":1},"${'x'.repeat(60)}`));
    assert.throws(
      () => scanner.write(Buffer.from('y'.repeat(60))),
      (error: unknown) => error instanceof JsonScanError && error.tooLong && /longer than 100 bytes/.test(error.message),
    );
  });

  test('hands each element out as soon as its last byte is read', () => {
    const seen: unknown[] = [];
    const scanner = new JsonDocumentScanner(new Set(['items']), (_name, _index, value) => seen.push(value), 1000);
    scanner.write(Buffer.from('{"items":[{"a":1},{"b"'));
    assert.deepEqual(seen, [{ a: 1 }]);
    scanner.write(Buffer.from(':2},3'));
    assert.deepEqual(seen, [{ a: 1 }, { b: 2 }]);
    scanner.write(Buffer.from(']}'));
    assert.deepEqual(seen, [{ a: 1 }, { b: 2 }, 3]);
    assert.deepEqual(scanner.end(), {});
  });
});

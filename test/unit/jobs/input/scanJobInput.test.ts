import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { defineJob } from '../../../../shared/jobs/defineJob';
import { scanJobInput, type ScanOptions } from '../../../../shared/jobs/input/scanJobInput';
import { reconcile } from '../../../../shared/jobs/kinds/reconcile';
import { toValidationProblem } from '../../../../shared/http/toValidationProblem';
import { Problem } from '../../../../shared/model/errors';
import { MAX_REPORTED_ERRORS } from '../../../../shared/model/ValidationIssues';
import { seededRandom } from '../../../support/seededRandom';

const source = (text: string, chunkBytes = 997): AsyncIterable<Uint8Array> => {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) chunks.push(bytes.subarray(at, at + chunkBytes));
  return Readable.from(chunks);
};

const scan = (text: string, options: Partial<ScanOptions> = {}, kind = reconcile) =>
  scanJobInput(kind, source(text), { maxBytes: 1 << 30, ...options });

/** What validating the whole parsed body with the kind's schema reports (today's answer), as sorted "path: message" lines. */
function wholeDocumentErrors(text: string): { count: number; lines: string[] } {
  const result = reconcile.input.safeParse(JSON.parse(text));
  if (result.success) return { count: 0, lines: [] };
  const problem = toValidationProblem(result.error, 'job input');
  return { count: problem.errorCount ?? 0, lines: (problem.errors ?? []).map((e) => `${e.path}: ${e.message}`).sort() };
}

describe('scanJobInput: a job input checked record by record with the kind\'s own schemas', () => {
  test('reports the same paths and messages as validating the whole document, for random mixes of good and bad records', async () => {
    const random = seededRandom(11);
    const bad = [{}, { key: '' }, { key: 1, amount: 'x' }, { key: 'k'.repeat(201), amount: 1 }, null, 'text', { key: 'a', amount: 1, date: 5 }];
    const record = () => (random() < 0.2 ? bad[Math.floor(random() * bad.length)] : { key: `K${Math.floor(random() * 50)}`, amount: Math.round(random() * 1e4) / 100, extra: 'dropped' });
    for (let round = 0; round < 60; round++) {
      const document: Record<string, unknown> = {
        transactions: Array.from({ length: Math.floor(random() * 8) }, record),
        ledger: Array.from({ length: Math.floor(random() * 8) }, record),
      };
      if (random() < 0.3) document.tolerance = random() < 0.5 ? -1 : 'none';
      if (random() < 0.1) delete document.ledger;
      const text = JSON.stringify(document);
      const scanned = await scan(text);
      const want = wholeDocumentErrors(text);
      assert.equal(scanned.issues.count, want.count, text);
      assert.deepEqual(scanned.issues.errors.map((e) => `${e.path}: ${e.message}`).sort(), want.lines, text);
    }
  });

  test('a body that is not an object, or arrays that are not arrays, get the schema\'s own errors', async () => {
    for (const text of ['[]', '"x"', '{"transactions":null,"ledger":{}}', '{"transactions":[]}']) {
      const scanned = await scan(text);
      assert.deepEqual(scanned.issues.errors.map((e) => `${e.path}: ${e.message}`).sort(), wholeDocumentErrors(text).lines, text);
    }
  });

  test('an array longer than its schema allows gets zod\'s own length error at the array\'s path', async () => {
    const kind = defineJob({
      name: 'short',
      summary: 'Short',
      input: z.object({ items: z.array(z.number()).min(2).max(3) }),
      output: z.object({}),
      streamedArrays: ['items'],
      run: () => Promise.resolve({}),
    });
    for (const items of [[1], [1, 2, 3, 4]]) {
      const text = JSON.stringify({ items });
      const scanned = await scan(text, {}, kind as never);
      const whole = kind.input.safeParse({ items });
      assert.ok(!whole.success);
      assert.deepEqual(scanned.issues.errors, whole.error.issues.map((issue) => ({ path: 'items', message: issue.message })));
    }
  });

  test('a million empty records answer with the first 100 paths and the count of all 2,000,000 errors', async () => {
    const text = `{"transactions":[${Array(1_000_000).fill('{}').join(',')}],"ledger":[]}`;
    const scanned = await scan(text, {}, reconcile);
    assert.equal(scanned.issues.count, 2_000_000);
    assert.equal(scanned.issues.errors.length, MAX_REPORTED_ERRORS);
    assert.deepEqual(scanned.issues.errors.slice(0, 2).map((e) => e.path), ['transactions.0.key', 'transactions.0.amount']);
    const problem = scanned.issues.toProblem('job input');
    assert.equal(problem.toBody().errorCount, 2_000_000);
    assert.match(problem.detail, /2000000 error\(s\); the first 100 are listed/);
  });

  test('keeps the parsed input without its streamed arrays only when asked, and hands each record parsed (unknown properties dropped) to onRecord', async () => {
    const text = JSON.stringify({ transactions: [{ key: 'a', amount: 1, extra: true }], ledger: [{ key: 'b', amount: 2 }] });
    assert.equal((await scan(text)).value, undefined);
    assert.deepEqual((await scan(text, { keep: true })).value, { tolerance: 0.01 });
    const seen: unknown[] = [];
    await scan(text, { onRecord: (array, record, index) => seen.push([array, record, index]) });
    assert.deepEqual(seen, [['transactions', { key: 'a', amount: 1 }, 0], ['ledger', { key: 'b', amount: 2 }, 0]]);
  });

  test('hands no record to onRecord once the input is invalid', async () => {
    const text = JSON.stringify({ transactions: [{ key: 'a', amount: 1 }, { key: '' }, { key: 'c', amount: 3 }], ledger: [] });
    const seen: unknown[] = [];
    const scanned = await scan(text, { onRecord: (_array, record) => seen.push(record) });
    assert.ok(scanned.issues.count > 0);
    assert.deepEqual(seen, [{ key: 'a', amount: 1 }]);
  });

  test('gives the event loop a turn while it scans one large chunk', async () => {
    const text = JSON.stringify({ transactions: Array.from({ length: 300_000 }, (_, i) => ({ key: `K${i}`, amount: i })), ledger: [] });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const scanning = scanJobInput(reconcile, Readable.from([Buffer.from(text)]), { maxBytes: 1 << 30 });
    await scanning;
    clearInterval(ticker);
    // One chunk of 10 MB: scanned without a turn, no timer would fire until the end (a tick or two).
    assert.ok(ticks >= 10, `${ticks} timer ticks during the scan`);
  });

  test('a schema slower than the budget is refused with 400 instead of holding the process', async () => {
    const slow = defineJob({
      name: 'slow',
      summary: 'Slow',
      input: z.object({ items: z.array(z.string().refine(() => { const until = performance.now() + 5; while (performance.now() < until); return true; })) }),
      output: z.object({}),
      streamedArrays: ['items'],
      run: () => Promise.resolve({}),
    });
    const text = JSON.stringify({ items: Array(1000).fill('x') });
    await assert.rejects(scan(text, { budgetMs: 100 }, slow as never), (error: unknown) => error instanceof Problem && error.status === 400 && /took more than 100 ms of CPU time/.test(error.detail));
  });

  test('refuses bodies over the limit (413), empty bodies and broken JSON (400)', async () => {
    const valid = JSON.stringify({ transactions: [], ledger: [] });
    await assert.rejects(scan(valid, { maxBytes: 10 }), (error: unknown) => error instanceof Problem && error.status === 413);
    await assert.rejects(scan(''), (error: unknown) => error instanceof Problem && error.status === 400 && /empty/.test(error.detail));
    await assert.rejects(scan('{"transactions":[{"key":"a",'), (error: unknown) => error instanceof Problem && error.status === 400 && /not valid JSON/.test(error.detail));
    const huge = `{"transactions":[{"key":"${'x'.repeat(2 * 1024 * 1024)}","amount":1}],"ledger":[]}`;
    await assert.rejects(scan(huge), (error: unknown) => error instanceof Problem && error.status === 413 && /longer than/.test(error.detail));
  });

  test('tells the reader of each chunk whether the input is still valid, so a refused body stops being staged', async () => {
    const seen: boolean[] = [];
    const text = `{"transactions":[{}${',{"key":"a","amount":1}'.repeat(200)}],"ledger":[]}`;
    await scan(text, { onBytes: (_chunk, valid) => void seen.push(valid) });
    assert.equal(seen[0], true);
    assert.equal(seen.at(-1), false);
  });
});

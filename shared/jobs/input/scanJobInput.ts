import { setImmediate as nextTurn } from 'node:timers/promises';
import type { JobKind } from '../defineJob';
import { Problem } from '../../model/errors';
import { ValidationIssues, type IssueLike } from '../../model/ValidationIssues';
import type { z } from 'zod';
import { JsonDocumentScanner } from './JsonDocumentScanner';
import { JsonScanError } from './JsonScanError';
import { KnownFailures } from './KnownFailures';
import { CpuBudget } from './CpuBudget';
import { lengthIssue, type StreamedArray } from './StreamedArray';

/** Longest element of a streamed array, in bytes: a record, not a document. */
export const MAX_ELEMENT_BYTES = 1024 * 1024;
/** Bytes scanned between two looks at the clock. */
const SLICE_BYTES = 16 * 1024;
/** Longest stretch of scanning before other work of the process gets a turn. */
const YIELD_AFTER_MS = 5;
/**
 * Default CPU time one input may take to scan and validate: several times what the largest
 * valid reconcile input (a million records a side) takes, far less than an HTTP request may last.
 */
export const VALIDATION_BUDGET_MS = 60_000;

/** How to scan one input. */
export interface ScanOptions {
  /** Bytes accepted in all; more answers 413. */
  readonly maxBytes: number;
  /**
   * Sees each chunk as it is read, before it is scanned (hash, stage), and whether the input is
   * still valid so far; awaited, so it paces the read.
   */
  readonly onBytes?: (chunk: Buffer, validSoFar: boolean) => Promise<void> | void;
  /**
   * Give back the parsed input without its streamed arrays (the worker, which reads those with
   * `onRecord` or {@link StreamedRecords}); otherwise only validate (the start).
   */
  readonly keep?: boolean;
  /** Sees each valid element of a streamed array, parsed by the element schema, while the input is still valid. */
  readonly onRecord?: (array: string, record: unknown, index: number) => void;
  /** CPU time allowed for scanning and validating; past it the input is refused (400). */
  readonly budgetMs?: number;
}

/** What a scan found: the issues (capped) and, when kept and valid, the parsed input without its streamed arrays. */
export interface ScannedInput {
  readonly issues: ValidationIssues;
  readonly bytes: number;
  readonly value?: unknown;
}

/** One element against its schema, through the Standard Schema interface: issues without building a ZodError. */
function checkElement(schema: z.ZodType, value: unknown): { value: unknown } | { issues: readonly IssueLike[] } {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new Error('A streamed array element schema must be synchronous');
  return result.issues ? { issues: result.issues.map((issue) => ({ path: (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)), message: issue.message })) } : { value: result.value };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a job input as a stream, with the kind's own schemas: each element of a streamed array is
 * checked with the element schema as soon as it is read (its errors reported under
 * `name.index…`), the rest of the document with the input schema, the array lengths with the
 * array's bounds. Work is sliced: the event loop gets a turn every few milliseconds, whatever the
 * size of the chunks, and the CPU time is bounded by the budget.
 */
export async function scanJobInput(kind: JobKind, source: AsyncIterable<Uint8Array>, options: ScanOptions): Promise<ScannedInput> {
  const arrays = new Map<string, StreamedArray>(kind.streamed.map((array) => [array.name, array]));
  const issues = new ValidationIssues();
  const budget = new CpuBudget(options.budgetMs ?? VALIDATION_BUDGET_MS);
  const overBudget = (): void => {
    if (budget.exceeded) throw new Problem(400, `The job input took more than ${budget.limitMs} ms of CPU time to validate; send less at once.`);
  };
  const failures = new KnownFailures();
  const scanner = new JsonDocumentScanner(new Set(arrays.keys()), (name, index, value, raw) => {
    const known = failures.find(name, raw);
    if (known) return issues.add(known, [name, index]);
    const result = checkElement((arrays.get(name) as StreamedArray).element, value);
    if ('issues' in result) {
      failures.remember(name, raw, result.issues);
      issues.add(result.issues, [name, index]);
    } else if (options.onRecord && issues.count === 0) options.onRecord(name, result.value, index);
    if ((index & 0xff) === 0) overBudget();
  }, MAX_ELEMENT_BYTES);
  let bytes = 0;
  let turn = performance.now();
  const scan = (slice: Buffer): void => {
    budget.start();
    scanner.write(slice);
    budget.stop();
    overBudget();
  };
  try {
    for await (const chunk of source) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      bytes += buffer.length;
      if (bytes > options.maxBytes) throw new Problem(413, `The request body is larger than the limit of ${options.maxBytes} bytes.`);
      await options.onBytes?.(buffer, issues.count === 0);
      for (let at = 0; at < buffer.length; at += SLICE_BYTES) {
        scan(buffer.subarray(at, at + SLICE_BYTES));
        if (performance.now() - turn > YIELD_AFTER_MS) {
          await nextTurn(); // NOTE: a chunk already buffered resolves the iterator without giving timers or I/O a turn
          turn = performance.now();
        }
      }
    }
    if (bytes === 0) throw new Problem(400, 'The request body is empty; expected a JSON document.');
    const rest = scanner.end();
    return checkRest(kind, rest, scanner.arrays, arrays, issues, bytes, options.keep === true);
  } catch (error) {
    if (error instanceof JsonScanError) {
      throw error.tooLong ? new Problem(413, `The request body is refused: ${error.message}.`) : new Problem(400, `The request body is not valid JSON: ${error.message}.`);
    }
    throw error;
  }
}

/**
 * The rest of the document against the input schema, each streamed array standing in as `[]`
 * (what the schema says of the placeholder is dropped: the elements were checked one by one and
 * the length is checked against the array's own bounds).
 */
function checkRest(
  kind: JobKind,
  rest: unknown,
  counts: ReadonlyMap<string, number>,
  arrays: ReadonlyMap<string, StreamedArray>,
  issues: ValidationIssues,
  bytes: number,
  keep: boolean,
): ScannedInput {
  const candidate = isRecord(rest) ? { ...rest, ...Object.fromEntries([...counts.keys()].map((name) => [name, []])) } : rest;
  const result = kind.input.safeParse(candidate);
  if (!result.success) issues.add(result.error.issues.filter((issue) => !counts.has(String(issue.path[0]))));
  for (const [name, count] of counts) {
    const message = lengthIssue(arrays.get(name) as StreamedArray, count);
    if (message) issues.add([{ path: [], message }], [name]);
  }
  if (!keep || issues.count > 0 || !result.success) return { issues, bytes };
  const value = { ...(result.data as Record<string, unknown>) };
  for (const name of arrays.keys()) delete value[name];
  return { issues, bytes, value };
}

import type { StoredPayload } from '../../model/Job';
import type { PayloadStore } from '../../storage/PayloadStore';
import type { JobKind } from '../defineJob';
import { scanJobInput, type ScanOptions } from './scanJobInput';
import { NO_STREAMED_RECORDS, type StreamedRecords } from './StreamedRecords';

/** A job's input as its kind's `run` gets it: the parsed document, and the streamed arrays to read in passes. */
export interface JobInput {
  /** The input parsed with the kind's schema; streamed arrays are left out. */
  readonly input: unknown;
  readonly records: StreamedRecords;
}

const WHOLE_STORED_INPUT: Pick<ScanOptions, 'maxBytes' | 'budgetMs'> = { maxBytes: Number.MAX_SAFE_INTEGER, budgetMs: Number.POSITIVE_INFINITY };

/**
 * The stored input of a job, parsed with its kind's schema. A kind with streamed arrays gets the
 * rest of the document parsed (one pass that checks every record, so a mismatch fails before the
 * kind starts) and its arrays as {@link StreamedRecords}: each pass reads the payload again as a
 * stream, record by record, so the worker never holds the records, whatever their number.
 */
export async function readJobInput(payloads: Pick<PayloadStore, 'json' | 'stream'>, kind: JobKind, payload: StoredPayload): Promise<JobInput> {
  if (kind.streamed.length === 0) return { input: kind.input.parse(await payloads.json(payload)), records: NO_STREAMED_RECORDS };
  const scanned = await scanJobInput(kind, await payloads.stream(payload), { ...WHOLE_STORED_INPUT, keep: true });
  const first = scanned.issues.errors[0];
  // Stored inputs were validated at the start: a mismatch is unexpected (a schema changed meanwhile).
  if (scanned.issues.count > 0 || scanned.value === undefined) {
    throw new Error(`The stored input does not match the ${kind.name} schema (${scanned.issues.count} error(s))${first ? `: ${first.path}: ${first.message}` : ''}`);
  }
  const records: StreamedRecords = {
    bytes: scanned.bytes,
    async forEach(visit) {
      const pass = await scanJobInput(kind, await payloads.stream(payload), { ...WHOLE_STORED_INPUT, onRecord: visit });
      if (pass.issues.count > 0) throw new Error(`The stored input of ${kind.name} changed between two passes (${pass.issues.count} error(s))`);
    },
  };
  return { input: scanned.value, records };
}

import type { StoredPayload } from '../../model/Job';
import type { PayloadStore } from '../../storage/PayloadStore';
import type { JobKind } from '../defineJob';
import { scanJobInput } from './scanJobInput';

/**
 * The stored input of a job, parsed with its kind's schema. A kind with streamed arrays reads its
 * payload as a stream, record by record, so the worker holds the parsed records once: never the
 * blob's bytes, its text, a parsed tree and zod's copy of it at the same time.
 */
export async function readJobInput(payloads: Pick<PayloadStore, 'json' | 'stream'>, kind: JobKind, payload: StoredPayload): Promise<unknown> {
  if (kind.streamed.length === 0) return kind.input.parse(await payloads.json(payload));
  const scanned = await scanJobInput(kind, await payloads.stream(payload), { maxBytes: Number.MAX_SAFE_INTEGER, keep: true, budgetMs: Number.POSITIVE_INFINITY });
  const first = scanned.issues.errors[0];
  // Stored inputs were validated at the start: a mismatch is unexpected (a schema changed meanwhile).
  if (scanned.issues.count > 0 || scanned.value === undefined) {
    throw new Error(`The stored input does not match the ${kind.name} schema (${scanned.issues.count} error(s))${first ? `: ${first.path}: ${first.message}` : ''}`);
  }
  return scanned.value;
}

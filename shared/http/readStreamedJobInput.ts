import { createHash, randomBytes } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';
import type { JobKind } from '../jobs/defineJob';
import { scanJobInput } from '../jobs/input/scanJobInput';
import type { StagedInput } from '../jobs/startJob';
import type { PayloadStore } from '../storage/PayloadStore';
import { assertDeclaredLength, assertJsonContentType } from './readJsonBody';

/** Where a streamed input is staged, and how much body is accepted. */
export interface StreamedInputTarget {
  readonly payloads: Pick<PayloadStore, 'stage'>;
  /** The id the input is staged under (the new job's id). */
  readonly jobId: string;
  readonly maxBytes: number;
}

/**
 * Reads the body of a start whose kind declares streamed arrays, in one pass and in bounded
 * memory: every chunk is hashed (the request hash of idempotency) and staged to the input's blob
 * as it arrives, while the kind's schemas check it record by record. A body that fails is
 * refused (415, 413, or 400 with the first failing paths and their count) and its staged
 * blocks are never committed, so nothing is stored; a valid one is committed by startJob.
 */
export async function readStreamedJobInput(request: HttpRequest, kind: JobKind, target: StreamedInputTarget): Promise<StagedInput> {
  assertJsonContentType(request);
  assertDeclaredLength(request, target.maxBytes);
  const hash = createHash('sha256').update(`${kind.name}\n`);
  const staged = target.payloads.stage(`jobs/${target.jobId}/input-${randomBytes(8).toString('hex')}.json`);
  const body = (request.body ?? []) as AsyncIterable<Uint8Array>;
  const scanned = await scanJobInput(kind, body, {
    maxBytes: target.maxBytes,
    // Once an error is found the body will be refused: the rest is only checked, not staged.
    onBytes: async (chunk, validSoFar) => {
      if (!validSoFar) return;
      hash.update(chunk);
      await staged.write(chunk);
    },
  });
  if (scanned.issues.count > 0) throw scanned.issues.toProblem('job input');
  return { requestHash: hash.digest('hex'), jobId: target.jobId, commit: () => staged.commit() };
}

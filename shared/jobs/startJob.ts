import { createHash } from 'node:crypto';
import type { JobKind } from './defineJob';
import type { Job, JobCallback } from './Job';
import { newJobId } from './newJobId';
import { newCapabilityToken, toTokenHash } from '../http/capabilityToken';
import { Problem } from '../http/Problem';
import type { JobStores } from '../storage/getStores';
import type { StoredJob } from '../storage/JobStore';
import { addJobToken } from './addJobToken';

/** What a start needs: the kind, its already-validated input, and the optional extras. */
export interface StartRequest {
  readonly kind: JobKind;
  /** The validated input (the output of kind.input.parse). */
  readonly input: unknown;
  readonly idempotencyKey?: string;
  readonly callback?: JobCallback;
  readonly maxBacklog: number;
}

/** A started (or idempotently found) job and a fresh token for its status URL. */
export interface StartedJob {
  readonly stored: StoredJob;
  readonly token: string;
  /** True when an Idempotency-Key matched an existing job. */
  readonly existing: boolean;
}

/**
 * Starts a job: backpressure check, idempotency claim, one row insert, one queue send.
 * Nothing is written before the input is validated (the caller did that), and a failed
 * enqueue removes the row, so a job is never left queued without a message.
 */
export async function startJob(stores: JobStores, request: StartRequest): Promise<StartedJob> {
  if ((await stores.queue.backlog()) > request.maxBacklog) {
    throw new Problem(429, 'Too many jobs are waiting; try again later.', { headers: { 'Retry-After': '30' } });
  }
  const inputJson = JSON.stringify(request.input);
  const id = newJobId();
  const token = newCapabilityToken();
  const { idempotencyKey } = request;
  if (idempotencyKey !== undefined) {
    const requestHash = createHash('sha256').update(`${request.kind.name}\n${inputJson}`).digest('hex');
    const prior = await stores.idempotency.claim(request.kind.name, idempotencyKey, { jobId: id, requestHash });
    if (prior) {
      if (prior.requestHash !== requestHash) {
        throw new Problem(409, 'This Idempotency-Key was used with a different request body.');
      }
      const found = await addJobToken(stores.jobs, prior.jobId, toTokenHash(token));
      if (found) return { stored: found, token, existing: true };
      // The first request claimed the key but did not create its job: create it now under the claimed id.
      return { stored: await create(stores, request, prior.jobId, token, inputJson), token, existing: false };
    }
  }
  try {
    return { stored: await create(stores, request, id, token, inputJson), token, existing: false };
  } catch (error) {
    if (idempotencyKey !== undefined) await stores.idempotency.release(request.kind.name, idempotencyKey);
    throw error;
  }
}

async function create(stores: JobStores, request: StartRequest, id: string, token: string, inputJson: string): Promise<StoredJob> {
  const now = new Date().toISOString();
  const input = await stores.payloads.put(`jobs/${id}/input.json`, inputJson);
  const job: Job = {
    id,
    kind: request.kind.name,
    status: 'queued',
    tokenHashes: [toTokenHash(token)],
    createdAt: now,
    updatedAt: now,
    input,
    step: 0,
    cancelRequested: false,
    ...(request.callback ? { callback: request.callback } : {}),
  };
  let stored: StoredJob;
  try {
    stored = await stores.jobs.insert(job);
  } catch (error) {
    if ('blob' in input) await stores.payloads.deleteAll(`jobs/${id}/`);
    throw error;
  }
  try {
    await stores.queue.enqueue(id);
  } catch (error) {
    await stores.jobs.delete(id, stored.etag);
    if ('blob' in input) await stores.payloads.deleteAll(`jobs/${id}/`);
    throw error;
  }
  return stored;
}

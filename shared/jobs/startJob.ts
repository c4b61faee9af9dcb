import { createHash } from 'node:crypto';
import type { JobKind } from './defineJob';
import type { Job, JobCallback } from './Job';
import { newJobId } from './newJobId';
import { addJobToken } from './addJobToken';
import { newCapabilityToken, toTokenHash } from '../http/capabilityToken';
import { Problem } from '../http/Problem';
import type { JobStores } from '../storage/getStores';
import type { StoredJob } from '../storage/JobStore';
import { isConflict } from '../storage/storageErrors';

/** What a start needs: the kind, its already-validated input, and the optional extras. */
export interface StartRequest {
  readonly kind: JobKind;
  /** The validated input (the output of kind.input.parse). */
  readonly input: unknown;
  /** Idempotency-Key header: the same key and body answer the existing job. */
  readonly idempotencyKey?: string;
  /** A deterministic id (webhook subscribe derives it from the callback URL): a second start finds the job. */
  readonly jobId?: string;
  readonly callback?: JobCallback;
  readonly maxBacklog: number;
}

/** A started (or idempotently found) job and a fresh token for its status URL. */
export interface StartedJob {
  readonly stored: StoredJob;
  readonly token: string;
  /** True when the start found an existing job (same Idempotency-Key or same callback URL). */
  readonly existing: boolean;
}

const CONFLICT = 'A job was already started with this key (or callback URL) and a different request body.';

/**
 * Starts a job: backpressure check, idempotency, one row insert, one queue send. Nothing is
 * written before the input is validated (the caller did that), and a failed enqueue removes the
 * row, so a job is never left queued without a message.
 */
export async function startJob(stores: JobStores, request: StartRequest): Promise<StartedJob> {
  if ((await stores.queue.backlog()) > request.maxBacklog) {
    throw new Problem(429, 'Too many jobs are waiting; try again later.', { headers: { 'Retry-After': '30' } });
  }
  const inputJson = JSON.stringify(request.input);
  const requestHash = createHash('sha256').update(`${request.kind.name}\n${inputJson}`).digest('hex');
  const token = newCapabilityToken();
  const found = (stored: StoredJob | undefined): StartedJob | undefined => {
    if (!stored) return undefined;
    if (stored.job.requestHash !== requestHash) throw new Problem(409, CONFLICT);
    return { stored, token, existing: true };
  };
  const scope = `job:${request.kind.name}`;
  let id = request.jobId ?? newJobId();
  if (request.idempotencyKey !== undefined) {
    const prior = await stores.idempotency.claim(scope, request.idempotencyKey, { id, requestHash });
    if (prior) {
      if (prior.requestHash !== requestHash) throw new Problem(409, CONFLICT);
      const existing = found(await addJobToken(stores.jobs, prior.id, toTokenHash(token)));
      if (existing) return existing;
      id = prior.id; // the first request claimed the key but did not create its job: create it now
    }
  }
  try {
    return { stored: await create(stores, request, id, token, inputJson, requestHash), token, existing: false };
  } catch (error) {
    if (request.jobId !== undefined && isConflict(error)) {
      const existing = found(await addJobToken(stores.jobs, id, toTokenHash(token)));
      if (existing) return existing;
    }
    if (request.idempotencyKey !== undefined) await stores.idempotency.release(scope, request.idempotencyKey);
    throw error;
  }
}

async function create(
  stores: JobStores,
  request: StartRequest,
  id: string,
  token: string,
  inputJson: string,
  requestHash: string,
): Promise<StoredJob> {
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
    requestHash,
    ...(request.callback ? { callback: request.callback } : {}),
  };
  let stored: StoredJob;
  try {
    stored = await stores.jobs.insert(job);
  } catch (error) {
    // NOTE: a deterministic id that exists keeps its blobs: they belong to the existing job.
    if ('blob' in input && !isConflict(error)) await stores.payloads.deleteAll(`jobs/${id}/`);
    throw error;
  }
  try {
    await stores.queue.enqueue({ jobId: id });
  } catch (error) {
    await stores.jobs.delete(id, stored.etag);
    if ('blob' in input) await stores.payloads.deleteAll(`jobs/${id}/`);
    throw error;
  }
  return stored;
}

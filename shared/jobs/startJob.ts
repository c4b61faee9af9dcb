import { createHash, randomBytes } from 'node:crypto';
import type { JobKind } from './defineJob';
import type { Job, JobCallback } from '../model/Job';
import { newJobId } from './newJobId';
import { findExistingJob, START_CONFLICT } from './findExistingJob';
import { newCapabilityToken, toTokenHash } from '../model/capabilityToken';
import { Problem } from '../model/errors';
import type { JobStores } from '../storage/JobStores';
import type { StoredJob } from '../storage/JobStore';
import { isConflict, isNotFound } from '../storage/storageErrors';
import type { Admission } from '../storage/BacklogGauge';

/** What a start needs: the kind, its already-validated input, and the optional extras. */
export interface StartRequest {
  readonly kind: JobKind;
  /**
   * The input as JSON, already validated against kind.input (the worker parses it with the same
   * schema). A start passes its request body as received: no re-serialising of a 100 MB document.
   */
  readonly inputJson: string | Buffer;
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

/**
 * The job a repeated start names although the backlog is over its limit: the one its
 * Idempotency-Key (or its deterministic id) already points at, or undefined. Reads only when the
 * backlog is over, so a start under the limit costs nothing more.
 */
async function findAccepted(stores: JobStores, request: StartRequest, scope: string, requestHash: string, token: string): Promise<StartedJob | undefined> {
  if (request.idempotencyKey !== undefined) {
    const prior = await stores.idempotency.find(scope, request.idempotencyKey);
    if (!prior) return undefined;
    if (prior.requestHash !== requestHash) throw new Problem(409, START_CONFLICT);
    return findExistingJob(stores, prior.id, requestHash, token);
  }
  return request.jobId !== undefined ? findExistingJob(stores, request.jobId, requestHash, token) : undefined;
}

/**
 * Starts a job: backpressure check, idempotency, one row insert, one queue send. Nothing is
 * written before the input is validated (the caller did that), and a failed enqueue removes the
 * row, so a job is never left queued without a message.
 */
export async function startJob(stores: JobStores, request: StartRequest): Promise<StartedJob> {
  const { inputJson } = request;
  const requestHash = createHash('sha256').update(`${request.kind.name}\n`).update(inputJson).digest('hex');
  const token = newCapabilityToken();
  const scope = `job:${request.kind.name}`;
  const admission = await stores.queue.admit(request.maxBacklog);
  if (!admission) {
    // NOTE: the engines retry a 429 (logic-apps-exception-handling): a retried start whose key was
    // already accepted gets its job, not a 429 until the retries run out. A new start gets the 429,
    // which creates nothing, so its retries are harmless.
    const accepted = await findAccepted(stores, request, scope, requestHash, token);
    if (accepted) return accepted;
    throw new Problem(429, 'Too many jobs are waiting; try again later.', { headers: { 'Retry-After': '30' } });
  }
  try {
    return await startAdmitted(stores, request, { scope, requestHash, token, admission });
  } finally {
    admission.settle();
  }
}

async function startAdmitted(
  stores: JobStores,
  request: StartRequest,
  { scope, requestHash, token, admission }: { scope: string; requestHash: string; token: string; admission: Admission },
): Promise<StartedJob> {
  let id = request.jobId ?? newJobId();
  let claimed = false;
  let adopted = request.jobId !== undefined;
  if (request.idempotencyKey !== undefined) {
    const prior = await stores.idempotency.claim(scope, request.idempotencyKey, { id, requestHash });
    if (!prior) claimed = true;
    else {
      if (prior.requestHash !== requestHash) throw new Problem(409, START_CONFLICT);
      const existing = await findExistingJob(stores, prior.id, requestHash, token);
      if (existing) return existing;
      // The first request claimed the key but has not created its job (yet, or ever): create it
      // under the claimed id; if the first one wins that race, the insert conflicts and we find it.
      id = prior.id;
      adopted = true;
    }
  }
  try {
    return { stored: await create(stores, request, id, token, admission, requestHash), token, existing: false };
  } catch (error) {
    // A conflict means another request (a retry that adopted our key, or a repeated subscribe)
    // created the job meanwhile: answer it, and keep the key that points at it.
    if ((adopted || claimed) && isConflict(error)) {
      const existing = await findExistingJob(stores, id, requestHash, token);
      if (existing) return existing;
    }
    // Only the request that claimed the key may free it, and only when no job holds the id.
    if (claimed && request.idempotencyKey !== undefined && !isConflict(error)) await stores.idempotency.release(scope, request.idempotencyKey);
    throw error;
  }
}

async function create(
  stores: JobStores,
  request: StartRequest,
  id: string,
  token: string,
  admission: Admission,
  requestHash: string,
): Promise<StoredJob> {
  const { inputJson } = request;
  const now = new Date().toISOString();
  // A unique blob name: a start that loses the insert race never overwrites the winner's input.
  const input = await stores.payloads.put(`jobs/${id}/input-${randomBytes(8).toString('hex')}.json`, inputJson);
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
    if ('blob' in input) await stores.payloads.delete(input.blob);
    throw error;
  }
  try {
    await stores.queue.enqueueNew(id, stores.jobs.toSnapshot(stored), admission);
  } catch (error) {
    try {
      await stores.jobs.delete(id, stored.etag);
    } catch (rollback) {
      // 412: another request (an adopting retry) changed the row: the job is theirs now too;
      // leave it (the repair sweep enqueues a job left queued) and report the conflict.
      if (isConflict(rollback)) throw rollback;
      if (isNotFound(rollback)) throw error;
      // NOTE: the row stays: the job exists, so its start must not answer what the engines retry
      // (a 5xx, logic-apps-exception-handling): a retry without Idempotency-Key would be a second
      // job. It is answered as queued; the repair sweep enqueues it (requeueStrandedJobs).
      return stored;
    }
    if ('blob' in input) await stores.payloads.delete(input.blob);
    throw error;
  }
  return stored;
}

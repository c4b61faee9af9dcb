import { createHash } from 'node:crypto';
import type { JobKind } from './defineJob';
import type { Job, JobCallback, StoredPayload } from '../model/Job';
import type { WorkflowIdentity } from '../model/WorkflowIdentity';
import { newJobId } from './newJobId';
import { findExistingJob, START_CONFLICT } from './findExistingJob';
import { newCapabilityToken, toTokenHash } from '../model/capabilityToken';
import { Problem } from '../model/errors';
import type { JobStores } from '../storage/JobStores';
import type { StoredJob } from '../storage/JobStore';
import { isConflict, isNotFound } from '../storage/storageErrors';
import { recordJobStarted } from '../telemetry/recordJobStarted';

/**
 * An input validated, hashed and staged while it was read (a kind's streamed arrays): it becomes
 * the job's payload only by commit(), once the start creates the job.
 */
export interface StagedInput {
  /** SHA-256 of `${kind}\n` and the body bytes, as startJob computes it for a buffered input. */
  readonly requestHash: string;
  /** The id the payload was staged under: the job's id unless the start is given one or adopts one. */
  readonly jobId: string;
  commit(): Promise<StoredPayload>;
}
import type { Admission } from '../storage/BacklogGauge';

/** What a start needs: the kind, its already-validated input, and the optional extras. */
export interface StartRequest {
  readonly kind: JobKind;
  /**
   * The input as JSON, already validated against kind.input (the worker parses it with the same
   * schema). A start passes its request body as received: no re-serialising of a 100 MB document;
   * a kind with streamed arrays passes it staged.
   */
  readonly inputJson: string | Buffer | StagedInput;
  /** Idempotency-Key header: the same key and body answer the existing job. */
  readonly idempotencyKey?: string;
  /** A deterministic id (webhook subscribe derives it from the callback URL): a second start finds the job. */
  readonly jobId?: string;
  readonly callback?: JobCallback;
  /** Who starts it: the request's workflow headers, recorded in clear with the job (lists filter by them). */
  readonly workflow?: WorkflowIdentity;
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

/** SHA-256 of kind and input: a repeated start with another body is a conflict. */
export function toStartRequestHash(kind: string, inputJson: string | Buffer): string {
  return createHash('sha256').update(`${kind}\n`).update(inputJson).digest('hex');
}

/**
 * Starts a job: backpressure check, idempotency, one row insert, one queue send. Nothing is
 * written before the input is validated (the caller did that), and a failed enqueue removes the
 * row, so a job is never left queued without a message.
 */
export async function startJob(stores: JobStores, request: StartRequest): Promise<StartedJob> {
  const { inputJson } = request;
  const requestHash = toStagedInput(inputJson)?.requestHash ?? toStartRequestHash(request.kind.name, inputJson as string | Buffer);
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

/** The staged input of a streamed start, or undefined for a buffered one. */
function toStagedInput(inputJson: StartRequest['inputJson']): StagedInput | undefined {
  return typeof inputJson === 'string' || Buffer.isBuffer(inputJson) ? undefined : inputJson;
}

async function startAdmitted(
  stores: JobStores,
  request: StartRequest,
  { scope, requestHash, token, admission }: { scope: string; requestHash: string; token: string; admission: Admission },
): Promise<StartedJob> {
  let id = request.jobId ?? toStagedInput(request.inputJson)?.jobId ?? newJobId();
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
  const tokenHash = toTokenHash(token);
  // A blob name of this start's own (its token's hash; no random draw of its own, none at all for an
  // inline input): a start that loses the insert race never overwrites the winner's input.
  const input =
    typeof inputJson === 'string' || Buffer.isBuffer(inputJson)
      ? await stores.payloads.put(`jobs/${id}/input-${tokenHash.slice(0, 16)}.json`, inputJson)
      : await inputJson.commit();
  const job: Job = {
    id,
    kind: request.kind.name,
    status: 'queued',
    tokenHashes: [tokenHash],
    createdAt: now,
    updatedAt: now,
    input,
    step: 0,
    cancelRequested: false,
    requestHash,
    ...(request.callback ? { callback: request.callback } : {}),
    ...(request.workflow && Object.keys(request.workflow).length > 0 ? { workflow: request.workflow } : {}),
  };
  let stored: StoredJob;
  try {
    stored = await stores.jobs.insert(job);
  } catch (error) {
    if ('blob' in input) await stores.payloads.delete(input.blob);
    throw error;
  }
  recordJobStarted(stored.job);
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

import { createHash, randomBytes } from 'node:crypto';
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

const CONFLICT = 'A job was already started with this key (or callback URL) and a different request body.';

/** A queued job older than this whose start is repeated may have lost its message: it is enqueued again. */
const STRANDED_AFTER_MS = 10 * 60_000;

/**
 * The existing job a repeated start names: compared first (another body is 409 and changes
 * nothing), then given a fresh token. A job still queued long after its start, with no older
 * message waiting, has lost its queue message to a crash between insert and send: it is enqueued again.
 */
async function findExisting(stores: JobStores, id: string, requestHash: string, token: string): Promise<StartedJob | undefined> {
  const current = await stores.jobs.get(id);
  if (!current) return undefined;
  if (current.job.requestHash !== requestHash) throw new Problem(409, CONFLICT);
  const stored = (await addJobToken(stores.jobs, id, toTokenHash(token))) ?? current;
  const updatedAt = Date.parse(stored.job.updatedAt);
  if (stored.job.status === 'queued' && Date.now() - updatedAt > STRANDED_AFTER_MS) {
    // Unless older messages still wait: then the job is only behind a backlog.
    const oldest = await stores.queue.oldestWaitingSince();
    if (!oldest || oldest.getTime() > updatedAt) await stores.queue.enqueue({ jobId: id });
  }
  return { stored, token, existing: true };
}

/**
 * Starts a job: backpressure check, idempotency, one row insert, one queue send. Nothing is
 * written before the input is validated (the caller did that), and a failed enqueue removes the
 * row, so a job is never left queued without a message.
 */
export async function startJob(stores: JobStores, request: StartRequest): Promise<StartedJob> {
  if ((await stores.queue.backlog()) > request.maxBacklog) {
    throw new Problem(429, 'Too many jobs are waiting; try again later.', { headers: { 'Retry-After': '30' } });
  }
  const { inputJson } = request;
  const requestHash = createHash('sha256').update(`${request.kind.name}\n`).update(inputJson).digest('hex');
  const token = newCapabilityToken();
  const scope = `job:${request.kind.name}`;
  let id = request.jobId ?? newJobId();
  let claimed = false;
  let adopted = request.jobId !== undefined;
  if (request.idempotencyKey !== undefined) {
    const prior = await stores.idempotency.claim(scope, request.idempotencyKey, { id, requestHash });
    if (!prior) claimed = true;
    else {
      if (prior.requestHash !== requestHash) throw new Problem(409, CONFLICT);
      const existing = await findExisting(stores, prior.id, requestHash, token);
      if (existing) return existing;
      // The first request claimed the key but has not created its job (yet, or ever): create it
      // under the claimed id; if the first one wins that race, the insert conflicts and we find it.
      id = prior.id;
      adopted = true;
    }
  }
  try {
    return { stored: await create(stores, request, id, token, inputJson, requestHash), token, existing: false };
  } catch (error) {
    // A conflict means another request (a retry that adopted our key, or a repeated subscribe)
    // created the job meanwhile: answer it, and keep the key that points at it.
    if ((adopted || claimed) && isConflict(error)) {
      const existing = await findExisting(stores, id, requestHash, token);
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
  inputJson: string | Buffer,
  requestHash: string,
): Promise<StoredJob> {
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
    await stores.queue.enqueueNew(id, stores.jobs.toSnapshot(stored));
  } catch (error) {
    try {
      await stores.jobs.delete(id, stored.etag);
    } catch (rollback) {
      // 412: another request (an adopting retry) changed the row: the job is theirs now too;
      // leave it (the repair sweep enqueues a job left queued) and report the conflict.
      if (isConflict(rollback)) throw rollback;
      throw error;
    }
    if ('blob' in input) await stores.payloads.delete(input.blob);
    throw error;
  }
  return stored;
}

import { addJobToken } from './addJobToken';
import type { StartedJob } from './startJob';
import { toTokenHash } from '../model/capabilityToken';
import { Problem } from '../model/errors';
import type { JobStores } from '../storage/JobStores';

export const START_CONFLICT = 'A job was already started with this key (or callback URL) and a different request body.';

/** A queued job older than this whose start is repeated may have lost its message: it is enqueued again. */
const STRANDED_AFTER_MS = 10 * 60_000;

/**
 * The existing job a repeated start names: compared first (another body is 409 and changes
 * nothing), then given a fresh token. A job still queued long after its start, with no older
 * message waiting, has lost its queue message to a crash between insert and send: it is enqueued again.
 */
export async function findExistingJob(stores: JobStores, id: string, requestHash: string, token: string): Promise<StartedJob | undefined> {
  const current = await stores.jobs.get(id);
  if (!current) return undefined;
  if (current.job.requestHash !== requestHash) throw new Problem(409, START_CONFLICT);
  const stored = (await addJobToken(stores.jobs, id, toTokenHash(token))) ?? current;
  const updatedAt = Date.parse(stored.job.updatedAt);
  if (stored.job.status === 'queued' && Date.now() - updatedAt > STRANDED_AFTER_MS) {
    // Unless older messages still wait: then the job is only behind a backlog.
    const oldest = await stores.queue.oldestWaitingSince();
    if (!oldest || oldest.getTime() > updatedAt) await stores.queue.enqueue({ jobId: id });
  }
  return { stored, token, existing: true };
}

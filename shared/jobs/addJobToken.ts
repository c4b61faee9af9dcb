import type { JobStore, StoredJob } from '../storage/JobStore';
import { writeJob } from './lifecycle/writeJob';

/** At most this many live tokens per job: a replay beyond it retires the oldest. */
const MAX_TOKENS = 8;

/**
 * Adds a token hash to a job (an idempotent replay answers a fresh status URL: tokens are stored
 * hashed, so the first one cannot be handed out again). ETag-conditional, retried on a lost race.
 * Undefined when the job does not exist.
 */
export async function addJobToken(store: JobStore, jobId: string, tokenHash: string): Promise<StoredJob | undefined> {
  const written = await writeJob(store, jobId, (job) => ({ ...job, tokenHashes: [...job.tokenHashes, tokenHash].slice(-MAX_TOKENS) }));
  return written.kind === 'missing' ? undefined : written.stored;
}
